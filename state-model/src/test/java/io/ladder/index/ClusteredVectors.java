package io.ladder.index;

import java.util.Random;

/**
 * Seeded synthetic retrieval vectors shaped like an item tower's output: {@code heads} heads of
 * {@code headDim}, each L2-normalised (norm sqrt(heads) overall), drawn around {@code clusters}
 * category centres with Gaussian spread. Queries come from the same mixture with more spread, like
 * users whose interests mix categories.
 */
public final class ClusteredVectors {
    public static final double ITEM_SPREAD = 0.15;
    public static final double QUERY_SPREAD = 0.25;

    private final int heads;
    private final int headDim;
    private final float[][] centres;
    private final Random random;

    public ClusteredVectors(int heads, int headDim, int clusters, long seed) {
        this.heads = heads;
        this.headDim = headDim;
        this.random = new Random(seed);
        this.centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = around(new float[heads * headDim], 1.0);
        }
    }

    /** Clusters for a catalogue of {@code n}: one per 500 items, at least 10. */
    public static int clustersFor(int n) {
        return Math.max(10, n / 500);
    }

    public int dimensions() {
        return heads * headDim;
    }

    public float[][] items(int n) {
        return draw(n, ITEM_SPREAD);
    }

    public float[][] queries(int n) {
        return draw(n, QUERY_SPREAD);
    }

    private float[][] draw(int n, double spread) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = around(centres[random.nextInt(centres.length)], spread);
        }
        return out;
    }

    /** centre + N(0, spread^2) per component, then each head normalised. */
    private float[] around(float[] centre, double spread) {
        float[] v = new float[heads * headDim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (centre[i] + spread * random.nextGaussian());
        }
        normaliseHeads(v, heads);
        return v;
    }

    public static void normaliseHeads(float[] v, int heads) {
        int h = v.length / heads;
        for (int t = 0; t < heads; t++) {
            double ss = 0;
            for (int i = t * h; i < (t + 1) * h; i++) {
                ss += (double) v[i] * v[i];
            }
            float inv = (float) (1.0 / Math.sqrt(ss));
            for (int i = t * h; i < (t + 1) * h; i++) {
                v[i] *= inv;
            }
        }
    }
}
