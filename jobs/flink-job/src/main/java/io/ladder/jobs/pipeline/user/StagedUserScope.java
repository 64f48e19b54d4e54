package io.ladder.jobs.pipeline.user;

import io.ladder.jobs.user.EmissionState;
import io.ladder.jobs.user.RetrievalCache;
import io.ladder.jobs.user.UserScope;
import io.ladder.model.UserState;
import io.ladder.model.UserStateSerializer;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.validate.RecordValidator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * One user's keyed state and output for the duration of one event or timer, staged: reads see the
 * writes made so far, but nothing reaches Flink state or the output until {@link #commit}. If the
 * recommender throws on a valid record (a bug, not the record's fault), the caller drops the scope
 * and the user is exactly as before: state, sequence and Redis list unchanged, so "sequence =
 * accepted events" stays exact. Failures of the state backend itself are rethrown as {@link
 * StateAccessException} so the caller can fail the task, as it must.
 *
 * <p>Timers are registered directly: a stray timer left by a dropped scope is harmless, since the
 * recommender checks every timer against the emission state before it acts.
 */
final class StagedUserScope implements UserScope {
    /** Every list is checked against the serving contract before it may leave the operator. */
    private static final RecordValidator LISTS = new RecordValidator(Clock.systemUTC(), 0);

    private final String userId;
    private final ValueState<byte[]> userState;
    private final ValueState<EmissionState> emission;
    private final ValueState<RetrievalCache> retrieval;
    private final TimerService timers;
    private final boolean replay;

    private boolean cleared;
    private byte[] stagedState;
    private EmissionState stagedEmission;
    private RetrievalCache stagedRetrieval;
    private final List<CandidateList> lists = new ArrayList<>(1);

    StagedUserScope(
            String userId,
            ValueState<byte[]> userState,
            ValueState<EmissionState> emission,
            ValueState<RetrievalCache> retrieval,
            TimerService timers,
            boolean replay) {
        this.userId = userId;
        this.userState = userState;
        this.emission = emission;
        this.retrieval = retrieval;
        this.timers = timers;
        this.replay = replay;
    }

    /** Writes the staged state and sends the staged lists. */
    void commit(Collector<CandidateList> out) {
        try {
            if (cleared) {
                userState.clear();
                emission.clear();
                retrieval.clear();
            }
            if (stagedState != null) {
                userState.update(stagedState);
            }
            if (stagedEmission != null) {
                emission.update(stagedEmission);
            }
            if (stagedRetrieval != null) {
                retrieval.update(stagedRetrieval);
            }
        } catch (Exception e) {
            throw new StateAccessException(e);
        }
        for (CandidateList list : lists) {
            out.collect(list);
        }
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public UserState loadState() {
        byte[] bytes = stagedState != null ? stagedState : cleared ? null : read(userState);
        // A fresh copy on every load, as RocksDB gives: a caller's later changes to an object it
        // stored must not leak into what is staged.
        if (bytes == null) {
            return null;
        }
        try {
            return UserStateSerializer.fromBytes(bytes);
        } catch (java.io.IOException e) {
            // Unreadable bytes are this user's problem, not the backend's: their events become
            // dead letters that say so, the other users go on.
            throw new java.io.UncheckedIOException("the user's model state cannot be read", e);
        }
    }

    @Override
    public void storeState(UserState state) {
        stagedState = UserStateSerializer.toBytes(state);
    }

    @Override
    public EmissionState loadEmission() {
        if (stagedEmission != null || cleared) {
            return stagedEmission;
        }
        EmissionState stored = read(emission);
        // The recommender changes what it loads in place; with a heap backend that would be the
        // stored object itself, and a failure could not leave it as it was.
        return stored == null ? null : stored.copy();
    }

    @Override
    public void storeEmission(EmissionState value) {
        stagedEmission = value;
    }

    @Override
    public RetrievalCache loadRetrieval() {
        return stagedRetrieval != null ? stagedRetrieval : cleared ? null : read(retrieval);
    }

    @Override
    public void storeRetrieval(RetrievalCache cache) {
        stagedRetrieval = cache;
    }

    @Override
    public void clear() {
        cleared = true;
        stagedState = null;
        stagedEmission = null;
        stagedRetrieval = null;
    }

    @Override
    public long currentWatermark() {
        return timers.currentWatermark();
    }

    @Override
    public void registerTimer(long eventTime) {
        timers.registerEventTimeTimer(eventTime);
    }

    @Override
    public void deleteTimer(long eventTime) {
        timers.deleteEventTimeTimer(eventTime);
    }

    @Override
    public long registerFlushTimer(long eventTimeDue, long delayMillis) {
        if (replay) {
            timers.registerEventTimeTimer(eventTimeDue);
            return eventTimeDue;
        }
        long at = timers.currentProcessingTime() + delayMillis;
        timers.registerProcessingTimeTimer(at);
        return at;
    }

    @Override
    public void deleteFlushTimer(long timestamp) {
        if (replay) {
            timers.deleteEventTimeTimer(timestamp);
        } else {
            timers.deleteProcessingTimeTimer(timestamp);
        }
    }

    @Override
    public boolean flushInProcessingTime() {
        return !replay;
    }

    /**
     * Stages a list; one the serving contract refuses (a non-finite score, say) is a processing
     * failure of the record that produced it, not a sink failure later.
     */
    @Override
    public void emit(CandidateList list) {
        List<String> problems = LISTS.problems(list);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "the list built for this user breaks the serving contract: "
                            + String.join("; ", problems));
        }
        lists.add(list);
    }

    private static <T> T read(ValueState<T> state) {
        try {
            return state.value();
        } catch (Exception e) {
            throw new StateAccessException(e);
        }
    }

    /** The state backend failed: not the record's fault, so the task must fail and restore. */
    static final class StateAccessException extends RuntimeException {
        StateAccessException(Exception cause) {
            super("keyed state access failed", cause);
        }
    }
}
