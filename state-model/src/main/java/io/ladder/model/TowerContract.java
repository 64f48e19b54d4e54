package io.ladder.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What the user model accepts of an item-tower version and of its vectors: the one definition of
 * those limits. The model's own constructors ({@link OrdinalModel}, {@link UserModelConfig}) refuse
 * anything else, and the job checks every {@code ModelInfo} and {@code Item} against the same rules
 * where it decodes them, so a version the model would refuse becomes a dead letter instead of an
 * exception inside the operator that applies it (a restart loop).
 */
public final class TowerContract {
    /** Levels a version may separate: 1 (binary) up to the event ladder (click, cart, purchase). */
    public static final int MIN_LEVELS = 1;

    public static final int MAX_LEVELS = UserModelConfig.EVENT_LEVELS;

    /** Largest head a version may have (the tower trains heads of 32). */
    public static final int MAX_HEAD_DIM = 4096;

    /**
     * Largest gamma: the link saturates long before (sigmoid of 1000 x a cosine), so a larger one
     * is a unit mistake, not a model.
     */
    public static final double MAX_GAMMA = 1_000;

    /**
     * How far a head's norm may be from 1. Heads are normalised in float by the trainer (error
     * ~1e-6); an unnormalised vector would rank by its length, not its direction, and a huge one
     * would top every list.
     */
    public static final double NORM_TOLERANCE = 1e-3;

    private TowerContract() {}

    /** Problems of a version's link, empty when the model accepts it; each names the field. */
    public static List<String> linkProblems(int levels, double gamma, double[] cutpoints) {
        List<String> out = new ArrayList<>();
        if (levels < MIN_LEVELS || levels > MAX_LEVELS) {
            out.add(
                    "levels: "
                            + levels
                            + " is outside "
                            + MIN_LEVELS
                            + ".."
                            + MAX_LEVELS
                            + " (the event ladder: click, cart, purchase)");
        }
        if (!(gamma > 0) || !(gamma <= MAX_GAMMA)) {
            out.add("gamma: must be finite, > 0 and <= " + (long) MAX_GAMMA + ", was " + gamma);
        }
        if (cutpoints.length != levels) {
            out.add("cutpoints: expected " + levels + " values, got " + cutpoints.length);
        }
        for (int j = 0; j < cutpoints.length; j++) {
            if (!Double.isFinite(cutpoints[j])) {
                out.add("cutpoints[" + j + "]: " + cutpoints[j] + ", must be finite");
                return out;
            }
            // P(level >= j) cannot grow with j: the cutpoints a_j = -logit(pi_j) never decrease.
            if (j > 0 && cutpoints[j] < cutpoints[j - 1]) {
                out.add(
                        "cutpoints: must not decrease with the level (a higher level is rarer),"
                                + " but cutpoints["
                                + j
                                + "] = "
                                + cutpoints[j]
                                + " < cutpoints["
                                + (j - 1)
                                + "] = "
                                + cutpoints[j - 1]);
                return out;
            }
        }
        return out;
    }

    /** Problems of a version's shape (levels x head dimension), empty when accepted. */
    public static List<String> shapeProblems(int levels, int headDim) {
        List<String> out = new ArrayList<>();
        if (headDim < 1 || headDim > MAX_HEAD_DIM) {
            out.add("head_dim: " + headDim + " is outside 1.." + MAX_HEAD_DIM);
        }
        return out;
    }

    /**
     * The problem of a vector of {@code levels} heads of {@code headDim} (a category's or the
     * default heads), or null when it has that dimension and every head is finite and of unit norm.
     */
    public static String headsProblem(float[] vector, int levels, int headDim) {
        if (vector.length != levels * headDim) {
            return "dimension " + vector.length + ", expected " + levels + " x " + headDim;
        }
        for (int t = 0; t < levels; t++) {
            String problem = headProblem(vector, t, headDim);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /**
     * The problem of an item's vector, or null when it is 1 to {@link #MAX_LEVELS} equal heads,
     * each finite and of unit norm. The item's version (and so its head dimension) may not be known
     * where it is decoded; its dimension against the version is checked where it is applied.
     */
    public static String itemVectorProblem(float[] vector) {
        for (float x : vector) {
            if (!Float.isFinite(x)) {
                return "a component is " + x + ", must be finite";
            }
        }
        String first = null;
        for (int levels = MIN_LEVELS; levels <= MAX_LEVELS; levels++) {
            if (vector.length == 0 || vector.length % levels != 0) {
                continue;
            }
            String problem = headsProblem(vector, levels, vector.length / levels);
            if (problem == null) {
                return null;
            }
            if (first == null) {
                first = problem;
            }
        }
        return first != null
                ? first + " (an item's vector is its normalised heads, concatenated)"
                : "dimension " + vector.length + " is not 1 to " + MAX_LEVELS + " equal heads";
    }

    private static String headProblem(float[] vector, int head, int headDim) {
        double norm = 0;
        for (int d = head * headDim; d < (head + 1) * headDim; d++) {
            if (!Float.isFinite(vector[d])) {
                return "component " + d + " is " + vector[d] + ", must be finite";
            }
            norm += (double) vector[d] * vector[d];
        }
        norm = Math.sqrt(norm);
        if (!(Math.abs(norm - 1) <= NORM_TOLERANCE)) {
            return "head " + head + " has norm " + (float) norm + ", must be 1 (normalised)";
        }
        return null;
    }
}
