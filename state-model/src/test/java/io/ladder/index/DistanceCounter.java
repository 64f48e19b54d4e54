package io.ladder.index;

/** Counts HNSW distance computations (benchmark only): a contention-free cost measure. */
public final class DistanceCounter {
    private DistanceCounter() {}

    /** Runs {@code work} with counting on; returns the distance computations it made. */
    public static long count(Runnable work) {
        HnswGraph.counting = true;
        try {
            long before = HnswGraph.distances();
            work.run();
            return HnswGraph.distances() - before;
        } finally {
            HnswGraph.counting = false;
        }
    }
}
