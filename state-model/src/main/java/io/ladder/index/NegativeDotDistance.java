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

    @Override
    public Float distance(float[] a, float[] b) {
        return -VectorMath.dot(a, b);
    }
}
