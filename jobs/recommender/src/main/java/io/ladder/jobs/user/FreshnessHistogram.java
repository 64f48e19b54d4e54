package io.ladder.jobs.user;

/**
 * Names and buckets of the list-freshness metrics: the job exports them ({@code FreshnessListener})
 * and {@code scripts/bench-pipeline} reads them back from Prometheus, so both take them from here.
 */
public final class FreshnessHistogram {
    /** The histogram of milliseconds from an event's source time to its list landing in Redis. */
    public static final String NAME = "freshnessMs";

    /** Upper bounds of the cumulative freshness buckets (counters {@code freshnessLe<N>Ms}). */
    private static final long[] BUCKETS_MS = {
        25, 50, 100, 250, 500, 750, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000
    };

    private FreshnessHistogram() {}

    public static long[] bucketsMs() {
        return BUCKETS_MS.clone();
    }
}
