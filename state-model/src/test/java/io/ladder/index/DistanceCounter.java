package io.ladder.index;

/** Counts HNSW distance computations (benchmark only): a contention-free cost measure. */
public final class DistanceCounter {
    private DistanceCounter() {}

    /** Runs {@code work} with counting on; returns the distance computations it made. */
    public static long count(Runnable work) {
        NegativeDotDistance.counting = true;
        try {
            long before = NegativeDotDistance.count();
            work.run();
            return NegativeDotDistance.count() - before;
        } finally {
            NegativeDotDistance.counting = false;
        }
    }
}
