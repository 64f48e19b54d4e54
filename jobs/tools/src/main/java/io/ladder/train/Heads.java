package io.ladder.train;

/** Per-level head arithmetic on flat arrays of {@code levels x dim} values. */
final class Heads {
    private Heads() {}

    /**
     * Writes the per-head L2-normalised copy of {@code raw[from..from+levels*dim)} into {@code out}
     * and each head's norm into {@code norms}. A zero head stays zero (norm 0).
     */
    static void normalize(double[] raw, int levels, int dim, double[] out, double[] norms) {
        for (int t = 0; t < levels; t++) {
            int base = t * dim;
            double sq = 0;
            for (int k = 0; k < dim; k++) {
                sq += raw[base + k] * raw[base + k];
            }
            double norm = Math.sqrt(sq);
            norms[t] = norm;
            double inv = norm > 0 ? 1.0 / norm : 0.0;
            for (int k = 0; k < dim; k++) {
                out[base + k] = raw[base + k] * inv;
            }
        }
    }

    /** Per-head dot products of two flat vectors. */
    static void cosines(double[] a, double[] b, int levels, int dim, double[] cos) {
        for (int t = 0; t < levels; t++) {
            int base = t * dim;
            double s = 0;
            for (int k = 0; k < dim; k++) {
                s += a[base + k] * b[base + k];
            }
            cos[t] = s;
        }
    }

    /** The per-head normalised concatenation as floats (the published embedding). */
    static float[] toEmbedding(double[] raw, int levels, int dim) {
        double[] unit = new double[raw.length];
        normalize(raw, levels, dim, unit, new double[levels]);
        float[] out = new float[raw.length];
        for (int k = 0; k < raw.length; k++) {
            out[k] = (float) unit[k];
        }
        return out;
    }
}
