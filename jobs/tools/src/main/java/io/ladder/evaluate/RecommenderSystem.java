package io.ladder.evaluate;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.replay.ReplayDriver;
import io.ladder.jobs.user.Recommender;
import io.ladder.jobs.user.RecommenderMetrics;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.train.TrainedTower;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's own {@link Recommender}, driven by the {@link ReplayDriver} with the job's event-time
 * semantics; every list it emits is captured, and a test event is scored against the user's list
 * with the highest sequence below the event's. What this scores is what production emits.
 */
public final class RecommenderSystem implements EvaluatedSystem {
    private final String name;
    private final ReplayDriver driver;
    private final ListBook book;
    private final long inactivityMillis;
    private final Map<String, long[]> users = new HashMap<>(); // {events, last event time}

    /**
     * @param catalogue items published before the replay (id -> category), each with the tower's
     *     vector for it (its own, else its category's, else the default)
     */
    public RecommenderSystem(
            String name,
            JobConfig config,
            TrainedTower tower,
            Map<String, String> catalogue,
            int maxK,
            long publishTime)
            throws Exception {
        this.name = name;
        this.book = new ListBook(maxK);
        this.inactivityMillis = config.userInactivityTtl().toMillis();
        Recommender recommender =
                new Recommender(
                        config,
                        RecommenderMetrics.none(),
                        Clock.fixed(Instant.ofEpochMilli(publishTime), ZoneOffset.UTC));
        this.driver = new ReplayDriver(recommender, book::accept);
        publish(tower, catalogue, publishTime);
    }

    /**
     * Publishes a tower as the trainer does: its ModelInfo (announcing how many items follow), then
     * its vector for every item of {@code catalogue}; the job adopts it after the last one.
     */
    public void publish(TrainedTower tower, Map<String, String> catalogue, long publishTime)
            throws Exception {
        ModelInfo info =
                ModelInfo.newBuilder(tower.modelInfo()).setItemCount(catalogue.size()).build();
        driver.catalog(
                CatalogRecord.model(
                        tower.modelVersion(), Codecs.MODEL_INFO.encode(info), publishTime));
        for (Map.Entry<String, String> item : catalogue.entrySet()) {
            driver.catalog(CatalogRecord.item(tower.item(item.getKey(), item.getValue())));
        }
    }

    /** The version the replayed job's catalogue holds as current (for tests). */
    String currentVersion() throws Exception {
        byte[] current = driver.catalogView().currentModel();
        return current == null ? null : Codecs.MODEL_INFO.decode(current).getModelVersion();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> step(UserEvent event, boolean wantList) throws Exception {
        long time = event.getEventTime().toEpochMilli();
        // Fire every timer due before the event first: lists they emit stood before it.
        driver.advanceWatermark(time - 1);
        String user = event.getUserId();
        long[] seen = users.computeIfAbsent(user, u -> new long[] {0, Long.MIN_VALUE});
        if (seen[0] > 0 && time - 1 >= seen[1] + inactivityMillis) {
            // The job's inactivity timer fired: state, sequence and stored list are gone.
            seen[0] = 0;
            book.forget(user);
        }
        long sequence = seen[0] + 1; // the sequence the job gives this event
        List<String> list = wantList ? book.before(user, sequence) : null;
        driver.event(EventRecord.of(event, time));
        seen[0] = sequence;
        seen[1] = Math.max(seen[1], time);
        return list;
    }
}
