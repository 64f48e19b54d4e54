package io.ladder.jobs.replay;

import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.user.CatalogWriter;
import io.ladder.jobs.user.EmissionState;
import io.ladder.jobs.user.Recommender;
import io.ladder.jobs.user.RetrievalCache;
import io.ladder.jobs.user.UserScope;
import io.ladder.model.UserState;
import io.ladder.model.UserStateSerializer;
import io.ladder.schemas.CandidateList;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs the job's {@link Recommender} over an ordered event stream in one thread, with the same
 * event-time semantics as the Flink job and none of its nondeterminism: before an event at time t,
 * the watermark moves to t - 1 and every timer at or before it fires, in (time, user) order. User
 * state goes through the same serializer as in production. Same inputs, same lists.
 */
public final class ReplayDriver {
    private final Recommender recommender;
    private final Consumer<CandidateList> lists;
    private final Map<String, byte[]> states = new HashMap<>();
    private final Map<String, EmissionState> emissions = new HashMap<>();
    private final Map<String, RetrievalCache> retrievals = new HashMap<>();
    private final NavigableMap<Long, Set<String>> timers = new TreeMap<>();
    private final MapCatalog catalog = new MapCatalog();
    private final CoEngagementReplay coEngagement;
    private long watermark = Long.MIN_VALUE;

    public ReplayDriver(Recommender recommender, Consumer<CandidateList> lists) {
        this.recommender = recommender;
        this.lists = lists;
        this.coEngagement =
                recommender.config().coEngagement().enabled()
                        ? new CoEngagementReplay(recommender.config().coEngagement())
                        : null;
    }

    public void catalog(CatalogRecord record) throws Exception {
        recommender.onCatalog(record, catalog);
    }

    /** Events must come in non-decreasing event time. */
    public void event(EventRecord event) throws Exception {
        advanceWatermark(event.eventTime - 1);
        if (coEngagement != null) {
            for (CatalogRecord expired : coEngagement.expire(event.eventTime - 1)) {
                recommender.onCatalog(expired, catalog);
            }
        }
        recommender.onEvent(event, new Scope(event.userId), catalog);
        if (!catalog.containsItem(event.itemId)) {
            // What AnnounceNewItems does in the job, applied right after the event.
            recommender.onCatalog(
                    CatalogRecord.announced(event.itemId, event.categoryId, event.eventTime),
                    catalog);
        }
        if (coEngagement != null) {
            for (CatalogRecord neighbours : coEngagement.pair(event)) {
                recommender.onCatalog(neighbours, catalog);
            }
        }
    }

    /** Fires every timer at or before {@code time} (end of stream: Long.MAX_VALUE). */
    public void advanceWatermark(long time) throws Exception {
        if (time <= watermark) {
            return;
        }
        while (!timers.isEmpty() && timers.firstKey() <= time) {
            Map.Entry<Long, Set<String>> due = timers.pollFirstEntry();
            watermark = due.getKey();
            for (String user : due.getValue()) {
                recommender.onTimer(due.getKey(), false, new Scope(user), catalog);
            }
        }
        watermark = time;
    }

    public int users() {
        return states.size();
    }

    public CatalogWriter catalogView() {
        return catalog;
    }

    private final class Scope implements UserScope {
        private final String userId;

        Scope(String userId) {
            this.userId = userId;
        }

        @Override
        public String userId() {
            return userId;
        }

        @Override
        public UserState loadState() throws Exception {
            byte[] bytes = states.get(userId);
            return bytes == null ? null : UserStateSerializer.fromBytes(bytes);
        }

        @Override
        public void storeState(UserState state) {
            states.put(userId, UserStateSerializer.toBytes(state));
        }

        @Override
        public EmissionState loadEmission() {
            return emissions.get(userId);
        }

        @Override
        public void storeEmission(EmissionState emission) {
            emissions.put(userId, emission);
        }

        @Override
        public RetrievalCache loadRetrieval() {
            return retrievals.get(userId);
        }

        @Override
        public void storeRetrieval(RetrievalCache cache) {
            retrievals.put(userId, cache);
        }

        @Override
        public void clear() {
            states.remove(userId);
            emissions.remove(userId);
            retrievals.remove(userId);
        }

        @Override
        public long currentWatermark() {
            return watermark;
        }

        @Override
        public void registerTimer(long eventTime) {
            timers.computeIfAbsent(eventTime, t -> new TreeSet<>()).add(userId);
        }

        @Override
        public long registerFlushTimer(long eventTimeDue, long delayMillis) {
            registerTimer(eventTimeDue);
            return eventTimeDue;
        }

        @Override
        public void deleteFlushTimer(long timestamp) {
            deleteTimer(timestamp);
        }

        @Override
        public boolean flushInProcessingTime() {
            return false;
        }

        @Override
        public void deleteTimer(long eventTime) {
            Set<String> users = timers.get(eventTime);
            if (users != null && users.remove(userId) && users.isEmpty()) {
                timers.remove(eventTime);
            }
        }

        @Override
        public void emit(CandidateList list) {
            lists.accept(list);
        }
    }
}
