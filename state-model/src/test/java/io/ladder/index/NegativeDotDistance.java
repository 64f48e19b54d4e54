package io.ladder.index;

import com.github.jelmerk.hnswlib.core.DistanceFunction;

/**
 * HNSW distance {@code -<a, b>}: smaller is better, and negating it gives back the exact inner
 * product that {@link ExactItemIndex} computes (same kernel, same bits). hnswlib's own {@code
 * FLOAT_INNER_PRODUCT} is {@code 1 - <a, b>} with a single-chain loop.
 */
final class NegativeDotDistance implements DistanceFunction<float[], Float> {
    private static final long serialVersionUID = 1L;

    static final NegativeDotDistance INSTANCE = new NegativeDotDistance();

    /** Set only by the benchmark's untimed counting pass; a plain load per call otherwise. */
    static volatile boolean counting;

    private static final java.util.concurrent.atomic.LongAdder COUNT =
            new java.util.concurrent.atomic.LongAdder();

    @Override
    public Float distance(float[] a, float[] b) {
        if (counting) {
            COUNT.increment();
        }
        return -VectorMath.dot(a, b);
    }

    /** Distance computations so far, when counting is on. */
    static long count() {
        return COUNT.sum();
    }
}
