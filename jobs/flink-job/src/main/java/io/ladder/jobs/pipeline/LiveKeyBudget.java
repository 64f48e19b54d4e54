package io.ladder.jobs.pipeline;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.slf4j.Logger;

/**
 * One subtask's cap on the keys that hold state an operator creates for any id a producer names
 * (announced items, counted neighbours), with the event-time retirement that frees their places.
 * The count of live keys is operator state, one element per subtask; a refusal is counted and
 * logged at most once a minute, so a flood of new ids costs a counter, not a log line each.
 *
 * <p>A restore at the same parallelism is exact. After a rescale the counts are dealt out
 * round-robin while the keys move by key group, so the split is approximate: the job-wide sum is
 * kept, but a subtask may refuse early, or admit up to the cap on top of keys it inherited
 * uncounted. The bound is then cap x parallelism only approximately: job-wide at most cap x (old +
 * new parallelism).
 */
final class LiveKeyBudget {
    private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ListState<Long> state;
    private final long cap;
    private final long ttlMillis;
    private long live;
    private Counter refused;
    private long refusedSinceWarning;
    private long lastWarningNanos;

    private LiveKeyBudget(ListState<Long> state, long cap, long ttlMillis, long live) {
        this.state = state;
        this.cap = cap;
        this.ttlMillis = ttlMillis;
        this.live = live;
    }

    /** The budget restored from {@code descriptor}'s operator state (empty: none live). */
    static LiveKeyBudget restore(
            FunctionInitializationContext context,
            ListStateDescriptor<Long> descriptor,
            long cap,
            long ttlMillis)
            throws Exception {
        ListState<Long> state = context.getOperatorStateStore().getListState(descriptor);
        long sum = 0;
        for (Long count : state.get()) {
            sum += count;
        }
        return new LiveKeyBudget(state, cap, ttlMillis, Math.max(0, sum));
    }

    /** Counts refusals on {@code counter} from now on (the owner names the metric). */
    void countRefusalsOn(Counter counter) {
        this.refused = counter;
        this.lastWarningNanos = System.nanoTime() - WARN_INTERVAL_NANOS;
    }

    void snapshot() throws Exception {
        state.update(List.of(live));
    }

    /**
     * Takes a place for a new key, or refuses it when the cap is reached: then the refusal is
     * counted and, at most once a minute, {@code log} warns that {@code option} was reached and
     * what that means ({@code consequence}).
     */
    boolean admit(Logger log, String option, String consequence) {
        if (live < cap) {
            live++;
            return true;
        }
        refused.inc();
        refusedSinceWarning++;
        long now = System.nanoTime();
        if (now - lastWarningNanos >= WARN_INTERVAL_NANOS) {
            log.warn(
                    "{} ({}) reached: {} new key(s) refused since the last warning ({} total); {}",
                    option,
                    cap,
                    refusedSinceWarning,
                    refused.getCount(),
                    consequence);
            refusedSinceWarning = 0;
            lastWarningNanos = now;
        }
        return false;
    }

    /** Frees a key's place (retired, or moved to a bound kept elsewhere). */
    void release() {
        live = Math.max(0, live - 1);
    }

    long live() {
        return live;
    }

    /**
     * Whether more than half the cap is taken: only then do expiries free places. Below it a key
     * keeps its state however long it goes unseen, since nothing needs the room.
     */
    boolean underPressure() {
        return live > cap / 2;
    }

    long refusals() {
        return refused.getCount();
    }

    /** When a key last seen at {@code seen} (event time) retires, saturating. */
    long expiry(long seen) {
        return seen > Long.MAX_VALUE - ttlMillis ? Long.MAX_VALUE : seen + ttlMillis;
    }
}
