package io.ladder.jobs.metrics;

import io.ladder.jobs.user.FreshnessHistogram;
import io.ladder.schemas.CandidateList;
import io.ladder.sink.CandidateAckListener;
import java.time.Clock;
import java.time.Instant;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * End-to-end freshness of candidate lists: from the Kafka append time of the newest event a list
 * reflects ({@code CandidateList.source_time}) to the moment Redis acknowledged the list's write,
 * i.e. when the serving tier can first read it. Registered on the candidate sink's writer group:
 *
 * <ul>
 *   <li>{@code freshnessMs}: histogram over the last {@value #WINDOW} stored lists (p50, p95, p99,
 *       max through the reporter);
 *   <li>{@code freshnessLastMs}: gauge, the most recent value;
 *   <li>{@code listsAcknowledged} / {@code listsAcknowledgedPerSecond}: lists Redis stored;
 *   <li>{@code listsWithoutSourceTime}: stored lists whose source time is unknown (not measured);
 *   <li>{@code freshnessLe<N>Ms} for N in {@link #BUCKETS_MS}: cumulative counters of lists at most
 *       N ms old, like a Prometheus histogram's buckets. Unlike the sliding-window quantiles they
 *       sum exactly across subtasks and over any interval (difference of two readings), e.g. the
 *       share of lists fresh within 1 s = delta(freshnessLe1000Ms) / delta(listsAcknowledged -
 *       listsWithoutSourceTime).
 * </ul>
 *
 * Lists Redis kept an equal or newer version of (replays after a restore) are not measured: they
 * never became visible. Both clocks are wall clocks of different machines (broker, TaskManager), so
 * the figure includes their skew; keep them NTP-synchronised.
 */
public final class FreshnessListener implements CandidateAckListener {
    /** Samples the histogram keeps (a sliding window, not a decaying reservoir). */
    public static final int WINDOW = 10_000;

    public static final String HISTOGRAM = FreshnessHistogram.NAME;

    /** Upper bounds of the cumulative freshness buckets. */
    static final long[] BUCKETS_MS = FreshnessHistogram.bucketsMs();

    private final Clock clock;

    private transient Histogram freshness;
    private transient Counter acknowledged;
    private transient Counter withoutSourceTime;
    private transient Counter[] buckets;
    private transient volatile long last;

    public FreshnessListener() {
        this(Clock.systemUTC());
    }

    FreshnessListener(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void open(MetricGroup group) {
        freshness = group.histogram(HISTOGRAM, new DescriptiveStatisticsHistogram(WINDOW));
        acknowledged = group.counter("listsAcknowledged");
        group.meter("listsAcknowledgedPerSecond", new MeterView(acknowledged));
        withoutSourceTime = group.counter("listsWithoutSourceTime");
        group.gauge("freshnessLastMs", () -> last);
        buckets = new Counter[BUCKETS_MS.length];
        for (int i = 0; i < BUCKETS_MS.length; i++) {
            buckets[i] = group.counter("freshnessLe" + BUCKETS_MS[i] + "Ms");
        }
    }

    @Override
    public void acknowledged(CandidateList list, boolean stored) {
        if (!stored) {
            return;
        }
        acknowledged.inc();
        Instant source = list.getSourceTime();
        if (source == null || source.toEpochMilli() <= 0) {
            withoutSourceTime.inc();
            return;
        }
        long ms = Math.max(0, clock.millis() - source.toEpochMilli());
        last = ms;
        freshness.update(ms);
        for (int i = BUCKETS_MS.length - 1; i >= 0 && ms <= BUCKETS_MS[i]; i--) {
            buckets[i].inc();
        }
    }

    /** The histogram, for tests. */
    Histogram histogram() {
        return freshness;
    }
}
