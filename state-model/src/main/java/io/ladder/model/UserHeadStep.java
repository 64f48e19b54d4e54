package io.ladder.model;

/**
 * The fold-in step of MODELS.md section 3: GNOLR's loss of one (user, item, label) triple as a
 * function of the user's heads, its gradient, and the projected SGD step that keeps every head on
 * the unit sphere. Vectors are T concatenated heads of dimension h; the item's heads are fixed.
 */
final class UserHeadStep {
    /**
     * Largest |dL/dc_t| / gamma a step uses. Where the probability floor is active (aligned heads
     * with a large gamma cross the cumulative probabilities), the surrogate gradient grows like 1 /
     * floor; clipping keeps one event from flipping a head while keeping its direction. Away from
     * the guard the factor stays below T(T+1)/2 and is rarely clipped.
     */
    static final double MAX_HEAD_FACTOR = 3.0;

    private UserHeadStep() {}

    /** Per-head inner products c_t = &lt;u_t, v_t&gt; into {@code cos}. */
    static void cosines(float[] u, float[] v, int levels, int headDim, double[] cos) {
        for (int t = 0; t < levels; t++) {
            int off = t * headDim;
            double c = 0;
            for (int i = off; i < off + headDim; i++) {
                c += (double) u[i] * v[i];
            }
            cos[t] = c;
        }
    }

    /** The loss of {@code label} with c_t taken as the raw inner products of u and v. */
    static double loss(OrdinalModel model, float[] u, float[] v, int headDim, int label) {
        int levels = model.levels();
        double[] cos = new double[levels];
        double[] z = new double[levels];
        cosines(u, v, levels, headDim, cos);
        model.logits(cos, z);
        return model.loss(z, label);
    }

    /**
     * Euclidean gradient of {@link #loss} w.r.t. the components of u into {@code grad}: {@code
     * dL/du_t = (dL/dc_t) v_t}. Returns the loss.
     */
    static double gradient(
            OrdinalModel model, float[] u, float[] v, int headDim, int label, double[] grad) {
        int levels = model.levels();
        double[] w = new double[levels];
        double value = headFactors(model, u, v, headDim, label, w, new double[levels]);
        for (int t = 0; t < levels; t++) {
            for (int i = t * headDim; i < (t + 1) * headDim; i++) {
                grad[i] = w[t] * v[i];
            }
        }
        return value;
    }

    /**
     * Riemannian gradient on the product of unit spheres: {@code (I - u_t u_t^T) dL/du_t =
     * (dL/dc_t)(v_t - c_t u_t)}. For unit heads this is the gradient of the loss evaluated at the
     * re-normalised heads, which is what the step then applies. Returns the loss.
     */
    static double projectedGradient(
            OrdinalModel model, float[] u, float[] v, int headDim, int label, double[] grad) {
        int levels = model.levels();
        double[] w = new double[levels];
        double[] cos = new double[levels];
        double value = headFactors(model, u, v, headDim, label, w, cos);
        for (int t = 0; t < levels; t++) {
            for (int i = t * headDim; i < (t + 1) * headDim; i++) {
                grad[i] = w[t] * (v[i] - cos[t] * u[i]);
            }
        }
        return value;
    }

    /**
     * One projected SGD step on u in place, then re-normalises each head. The step is {@code
     * learningRate / gamma} times the gradient: dL/dc_t carries a factor gamma, so dividing it out
     * makes the learning rate a step in cosine units whatever scale the item tower was trained
     * with. Each head's factor is clipped to {@link #MAX_HEAD_FACTOR}.
     */
    static void step(
            OrdinalModel model, float[] u, float[] v, int headDim, int label, double learningRate) {
        int levels = model.levels();
        double[] w = new double[levels];
        double[] cos = new double[levels];
        headFactors(model, u, v, headDim, label, w, cos);
        for (int t = 0; t < levels; t++) {
            double factor =
                    Math.max(-MAX_HEAD_FACTOR, Math.min(MAX_HEAD_FACTOR, w[t] / model.gamma()));
            double a = learningRate * factor;
            if (a == 0) {
                continue;
            }
            double c = cos[t];
            for (int i = t * headDim; i < (t + 1) * headDim; i++) {
                u[i] = (float) (u[i] - a * (v[i] - c * u[i]));
            }
            // Only heads that moved: an untouched head keeps its exact bits.
            normalizeHead(u, t * headDim, headDim);
        }
    }

    /** Moves every head a fraction {@code beta} toward the item's, then re-normalises. */
    static void moveToward(float[] u, float[] v, int levels, int headDim, double beta) {
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) (u[i] + beta * (v[i] - u[i]));
        }
        normalizeHeads(u, levels, headDim);
    }

    /**
     * Scales each head to unit length. A head that collapsed to zero (opposite moves cancelling) is
     * left as is rather than divided by zero; the next step gives it a direction again.
     */
    static void normalizeHeads(float[] u, int levels, int headDim) {
        for (int t = 0; t < levels; t++) {
            normalizeHead(u, t * headDim, headDim);
        }
    }

    private static void normalizeHead(float[] u, int off, int headDim) {
        double sq = 0;
        for (int i = off; i < off + headDim; i++) {
            sq += (double) u[i] * u[i];
        }
        if (sq > 0) {
            double inv = 1.0 / Math.sqrt(sq);
            for (int i = off; i < off + headDim; i++) {
                u[i] = (float) (u[i] * inv);
            }
        }
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** dL/dc_t per head into {@code w}, cosines into {@code cos}; returns the loss. */
    private static double headFactors(
            OrdinalModel model,
            float[] u,
            float[] v,
            int headDim,
            int label,
            double[] w,
            double[] cos) {
        int levels = model.levels();
        double[] z = new double[levels];
        double[] dz = new double[levels];
        cosines(u, v, levels, headDim, cos);
        model.logits(cos, z);
        double value = model.lossGradient(z, label, dz);
        model.headWeights(dz, w);
        return value;
    }
}
