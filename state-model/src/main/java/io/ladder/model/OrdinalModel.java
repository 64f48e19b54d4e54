package io.ladder.model;

import java.util.Arrays;

/**
 * GNOLR's ordinal link over T nested feedback levels (docs/MODELS.md section 2).
 *
 * <p>Given the per-level cosines c_t = &lt;u_t, v_t&gt; of a user and an item, the cumulative
 * logits are {@code z_j = gamma * (c_1 + ... + c_j) - a_j} and {@code P(k >= j) = sigmoid(z_j)}.
 * Cutpoints come from base rates ({@code a_j = -logit(pi_j)}) so a zero score predicts the base
 * rate.
 *
 * <p>This class holds only the link and the loss with respect to the logits; user fold-in and item
 * training both chain {@link #lossGradient} with {@code dz_j / dc_t = gamma [t <= j]}, which {@link
 * #headWeights} folds into one factor per head. Immutable and thread-safe.
 */
public final class OrdinalModel {
    /**
     * Floor of every class probability inside the loss: keeps {@code ln(p_j - p_{j+1})} finite
     * where {@code gamma * c_{j+1} >= a_{j+1} - a_j} would make a class probability zero or
     * negative.
     */
    public static final double PROBABILITY_FLOOR = 1e-6;

    /** Which ordinal loss: GNOLR's sum over nested sub-tasks, or the single T-level loss. */
    public enum Loss {
        /** Sum over s = 1..T of the (s+1)-class ordinal NLL with labels above s merged into s. */
        NESTED,
        /** Only the s = T term: the paper's "no nesting" ablation. */
        SINGLE
    }

    private final int levels;
    private final double gamma;
    private final double[] cutpoints;
    private final Loss loss;

    /**
     * @throws IllegalArgumentException unless {@link TowerContract#linkProblems} accepts the link
     */
    public OrdinalModel(int levels, double gamma, double[] cutpoints, Loss loss) {
        java.util.List<String> problems = TowerContract.linkProblems(levels, gamma, cutpoints);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.levels = levels;
        this.gamma = gamma;
        this.cutpoints = cutpoints.clone();
        this.loss = loss;
    }

    /**
     * Cutpoints from base rates: {@code a_j = -ln(pi_j / (1 - pi_j))}, pi_j = share of training
     * pairs with label >= j (after correcting for negative sampling). Rates must be strictly in (0,
     * 1) and non-increasing.
     */
    public static double[] cutpointsFromBaseRates(double[] baseRates) {
        double[] a = new double[baseRates.length];
        for (int j = 0; j < baseRates.length; j++) {
            double pi = baseRates[j];
            if (!(pi > 0 && pi < 1)) {
                throw new IllegalArgumentException("base rate " + (j + 1) + " must be in (0,1)");
            }
            if (j > 0 && pi > baseRates[j - 1]) {
                throw new IllegalArgumentException("base rates must not increase with the level");
            }
            a[j] = -Math.log(pi / (1 - pi));
        }
        return a;
    }

    public static OrdinalModel fromBaseRates(double gamma, double[] baseRates, Loss loss) {
        return new OrdinalModel(baseRates.length, gamma, cutpointsFromBaseRates(baseRates), loss);
    }

    public int levels() {
        return levels;
    }

    public double gamma() {
        return gamma;
    }

    public double[] cutpoints() {
        return cutpoints.clone();
    }

    public Loss loss() {
        return loss;
    }

    /** Writes z_1..z_T for the per-level cosines {@code cos} into {@code z}. */
    public void logits(double[] cos, double[] z) {
        double sum = 0;
        for (int j = 0; j < levels; j++) {
            sum += cos[j];
            z[j] = gamma * sum - cutpoints[j];
        }
    }

    /** The top-level logit z_T from the retrieval inner product {@code <U, I> = sum_t c_t}. */
    public double topLogit(double innerProduct) {
        return gamma * innerProduct - cutpoints[levels - 1];
    }

    public static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /**
     * Class probabilities P(0..T) from the logits, each at least {@link #PROBABILITY_FLOOR} and
     * renormalised to sum to one (the guard against crossing cumulative probabilities).
     */
    public double[] classProbabilities(double[] z) {
        double[] p = new double[levels + 1];
        double previous = 1.0;
        double total = 0;
        for (int j = 0; j <= levels; j++) {
            double next = j < levels ? sigmoid(z[j]) : 0.0;
            p[j] = Math.max(previous - next, PROBABILITY_FLOOR);
            total += p[j];
            previous = next;
        }
        for (int j = 0; j <= levels; j++) {
            p[j] /= total;
        }
        return p;
    }

    /** Loss of label {@code label} (0..T) given logits {@code z}. */
    public double loss(double[] z, int label) {
        checkLabel(label);
        double total = 0;
        for (int s = firstSubTask(); s <= levels; s++) {
            total += -Math.log(subTaskProbability(z, Math.min(label, s), s));
        }
        return total;
    }

    /**
     * Gradient of {@link #loss} with respect to z_1..z_T, written into {@code dz}; returns the
     * loss. Sub-task s supervises z_1..z_s only, so head t gets signal from every s >= t.
     */
    public double lossGradient(double[] z, int label, double[] dz) {
        checkLabel(label);
        Arrays.fill(dz, 0, levels, 0.0);
        double total = 0;
        for (int s = firstSubTask(); s <= levels; s++) {
            int k = Math.min(label, s);
            if (k == 0) {
                // -ln(1 - p_1): d/dz_1 = p_1
                double p1 = sigmoid(z[0]);
                total += -Math.log(Math.max(1 - p1, PROBABILITY_FLOOR));
                dz[0] += p1;
            } else if (k == s) {
                // -ln p_s: d/dz_s = -(1 - p_s)
                double ps = sigmoid(z[s - 1]);
                total += -Math.log(Math.max(ps, PROBABILITY_FLOOR));
                dz[s - 1] += -(1 - ps);
            } else {
                // -ln(p_k - p_{k+1})
                double pk = sigmoid(z[k - 1]);
                double pk1 = sigmoid(z[k]);
                double diff = Math.max(pk - pk1, PROBABILITY_FLOOR);
                total += -Math.log(diff);
                dz[k - 1] += -pk * (1 - pk) / diff;
                dz[k] += pk1 * (1 - pk1) / diff;
            }
        }
        return total;
    }

    /**
     * Chains dL/dz into one factor per head: {@code dL/dc_t = gamma * sum_{j >= t} dL/dz_j}. The
     * gradient of the loss with respect to the user's head t is then {@code w_t * v_t} before the
     * projection onto the sphere's tangent, and symmetrically for the item's head.
     */
    public void headWeights(double[] dz, double[] weights) {
        double suffix = 0;
        for (int t = levels - 1; t >= 0; t--) {
            suffix += dz[t];
            weights[t] = gamma * suffix;
        }
    }

    private int firstSubTask() {
        return loss == Loss.NESTED ? 1 : levels;
    }

    private double subTaskProbability(double[] z, int k, int s) {
        double upper = k == 0 ? 1.0 : sigmoid(z[k - 1]);
        double lower = k == s ? 0.0 : sigmoid(z[k]);
        return Math.max(upper - lower, PROBABILITY_FLOOR);
    }

    private void checkLabel(int label) {
        if (label < 0 || label > levels) {
            throw new IllegalArgumentException("label must be in 0.." + levels + ", was " + label);
        }
    }
}
