package io.ladder.train;

import java.util.random.RandomGenerator;

/**
 * Rows of raw (unnormalised) parameters, {@code levels x headDim} floats per row, with lazy Adam
 * state: a row's moments move only when the row gets a gradient (sparse embeddings).
 *
 * <p>Concurrent {@link #adamStep} calls must touch distinct rows; {@link BatchTrainer} guarantees
 * it.
 */
final class EmbeddingTable {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    final int rows;
    final int width;
    final float[] values;
    private final float[] m;
    private final float[] v;

    EmbeddingTable(int rows, int width) {
        this.rows = rows;
        this.width = width;
        this.values = new float[rows * width];
        this.m = new float[rows * width];
        this.v = new float[rows * width];
    }

    /** Fills every value with N(0, scale^2), row by row from {@code random} (deterministic). */
    void initGaussian(RandomGenerator random, double scale) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
    }

    /**
     * One Adam step on {@code row} with gradient {@code grad[0..width)} at global step {@code t}
     * (1-based; bias correction uses it).
     */
    void adamStep(int row, double[] grad, double learningRate, long t) {
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        double step = learningRate * Math.sqrt(c2) / c1;
        int base = row * width;
        for (int k = 0; k < width; k++) {
            double g = grad[k];
            double mk = BETA1 * m[base + k] + (1 - BETA1) * g;
            double vk = BETA2 * v[base + k] + (1 - BETA2) * g * g;
            m[base + k] = (float) mk;
            v[base + k] = (float) vk;
            values[base + k] -= (float) (step * mk / (Math.sqrt(vk) + EPSILON));
        }
    }

    float[] snapshot() {
        return values.clone();
    }

    void restore(float[] snapshot) {
        System.arraycopy(snapshot, 0, values, 0, values.length);
    }
}
