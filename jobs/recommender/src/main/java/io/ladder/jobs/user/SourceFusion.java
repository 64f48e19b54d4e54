package io.ladder.jobs.user;

import io.ladder.jobs.user.SourceHitRates.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Ranks one user's candidates from all sources together: a logistic model of "the next purchase is
 * this candidate" over where the candidate stands in each source (its rank bucket there, or
 * absent), learned online from the purchases. It replaces taking each candidate's best single
 * source: a candidate that two sources hold is likelier than one either holds alone, and a source's
 * candidates that another source missed are weaker than its average (the average counts the ones
 * both found). The weights start from the {@link SourceHitRates} (a candidate held by one source
 * scores as its hit rate there), so before the first purchases the lists are what the hit rates
 * make them.
 *
 * <p>Training, at each purchase (before it is applied): the bought item's positions are a positive,
 * a sample of the user's other candidates the negatives, weighted by how many candidates each
 * stands for so the model keeps estimating a per-candidate probability (the score it gives lists).
 * One instance per subtask, like the hit rates; checkpointed and restored as their mean. No Flink
 * here. Not thread-safe.
 */
public final class SourceFusion {
    /** Slot of "the source does not hold the candidate", after the rank buckets. */
    static final int ABSENT = SourceHitRates.START.length;

    static final int SLOTS = ABSENT + 1;

    /** Negatives sampled per purchase. */
    public static final int NEGATIVES = 16;

    /**
     * Step size of the online updates. Chosen on the validation windows (the last 10% of warm-up
     * events) of ml-latest-small and dev.csv from {0.03, 0.1, 0.3}; see jobs/EVALUATE.md.
     */
    static final double LEARNING_RATE = 0.1;

    /** Largest change of one weight in one update: a heavily weighted negative cannot swing it. */
    static final double MAX_STEP = 0.5;

    /** Starting weight of "absent" for every source (a small hit rate, as a log). */
    private static final double ABSENT_RATE = 1e-4;

    private static final int SOURCES = Source.values().length;

    /** Source s, slot k at s * SLOTS + k; the bias last. */
    private final double[] weights = new double[SOURCES * SLOTS + 1];

    private SourceFusion() {}

    /** A model whose single-source candidates score as their hit rate in {@code rates}. */
    public static SourceFusion startingFrom(SourceHitRates rates) {
        SourceFusion fusion = new SourceFusion();
        fusion.resetTo(rates);
        return fusion;
    }

    /** Forgets what was learned and starts again from {@code rates}. */
    public void resetTo(SourceHitRates rates) {
        double absent = Math.log(ABSENT_RATE);
        for (Source s : Source.values()) {
            for (int b = 0; b < ABSENT; b++) {
                double p = rates.probability(s, SourceHitRates.START[b]);
                weights[s.ordinal() * SLOTS + b] = Math.log(Math.max(p, 1e-12));
            }
            weights[s.ordinal() * SLOTS + ABSENT] = absent;
        }
        weights[weights.length - 1] = -(SOURCES - 1) * absent;
    }

    /**
     * The estimated probability that the next purchase is a candidate at {@code ranks} (per source,
     * in {@link Source} order; -1 where the source does not hold it), minus a tiny term of its best
     * rank so that ties keep the sources' own order.
     */
    public double probability(int[] ranks) {
        int best = Integer.MAX_VALUE;
        for (int rank : ranks) {
            if (rank >= 0) {
                best = Math.min(best, rank);
            }
        }
        return sigmoid(logit(ranks)) - (best == Integer.MAX_VALUE ? 0 : best) * 1e-12;
    }

    /**
     * The source that contributes most to a candidate's score: the one that, holding it where it
     * does rather than not at all, raises the logit most.
     */
    public Source leading(int[] ranks) {
        Source lead = null;
        double bestLift = Double.NEGATIVE_INFINITY;
        for (Source s : Source.values()) {
            int rank = ranks[s.ordinal()];
            if (rank >= 0) {
                double lift =
                        weights[slot(s.ordinal(), rank)] - weights[s.ordinal() * SLOTS + ABSENT];
                if (lift > bestLift) {
                    bestLift = lift;
                    lead = s;
                }
            }
        }
        return lead;
    }

    /**
     * The fused ranking learns from this purchase: the bought item's positions against a sample of
     * the user's other candidates, drawn by a seed of the event id (the same on a replay). A
     * purchase no source held says nothing about how to order them, and is skipped.
     */
    public void learnFromPurchase(
            String eventId, String itemId, CandidateAssembler.SourceLists lists) {
        Map<String, int[]> positions = lists.positions();
        int[] bought = positions.remove(itemId);
        if (bought == null) {
            return;
        }
        List<int[]> others = new ArrayList<>(positions.values());
        if (others.isEmpty()) {
            learn(bought, List.of(), 0);
            return;
        }
        SplittableRandom random = new SplittableRandom(eventId.hashCode() * 0x9E3779B97F4A7C15L);
        int n = Math.min(NEGATIVES, others.size());
        List<int[]> negatives = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(others.size() - i);
            int[] picked = others.get(j);
            others.set(j, others.get(i));
            others.set(i, picked);
            negatives.add(picked);
        }
        learn(bought, negatives, (double) others.size() / n);
    }

    /**
     * One purchase: {@code bought} is where the bought item stood, {@code negatives} where some of
     * the user's other candidates did, each standing for {@code negativeWeight} candidates.
     */
    public void learn(int[] bought, List<int[]> negatives, double negativeWeight) {
        step(bought, 1.0, 1.0);
        for (int[] negative : negatives) {
            step(negative, 0.0, negativeWeight);
        }
        for (int s = 0; s < SOURCES; s++) {
            keepOrder(s);
        }
    }

    /**
     * Makes source s's bucket weights non-increasing by pooling adjacent violators, as the hit
     * rates are: a source's own order is its best knowledge, and purchases that happened to land on
     * its fourth candidate more often than on its first are noise, not a reason to rank its fourth
     * first (nor a bought item, ranked last among the touched ones, above the others).
     */
    private void keepOrder(int s) {
        int base = s * SLOTS;
        double[] sum = new double[ABSENT];
        int[] count = new int[ABSENT];
        int blocks = 0;
        for (int b = 0; b < ABSENT; b++) {
            sum[blocks] = weights[base + b];
            count[blocks] = 1;
            blocks++;
            while (blocks > 1
                    && sum[blocks - 1] / count[blocks - 1] > sum[blocks - 2] / count[blocks - 2]) {
                sum[blocks - 2] += sum[blocks - 1];
                count[blocks - 2] += count[blocks - 1];
                blocks--;
            }
        }
        for (int k = 0, b = 0; k < blocks; k++) {
            for (int j = 0; j < count[k]; j++) {
                weights[base + b++] = sum[k] / count[k];
            }
        }
    }

    private void step(int[] ranks, double label, double weight) {
        double gradient = weight * (label - sigmoid(logit(ranks)));
        double delta = Math.max(-MAX_STEP, Math.min(MAX_STEP, LEARNING_RATE * gradient));
        for (int s = 0; s < SOURCES; s++) {
            weights[slot(s, ranks[s])] += delta;
        }
        weights[weights.length - 1] += delta;
    }

    private double logit(int[] ranks) {
        double z = weights[weights.length - 1];
        for (int s = 0; s < SOURCES; s++) {
            z += weights[slot(s, ranks[s])];
        }
        return z;
    }

    private static int slot(int source, int rank) {
        return source * SLOTS + (rank < 0 ? ABSENT : SourceHitRates.bucket(rank));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The weights, for a checkpoint. */
    public double[] snapshot() {
        return weights.clone();
    }

    /**
     * Restores from the snapshots of every subtask (their mean: each learned from a sample of the
     * same purchases); returns false, keeping the current weights, when none has this layout.
     */
    public boolean restore(Iterable<double[]> snapshots) {
        double[] sum = new double[weights.length];
        int n = 0;
        for (double[] snapshot : snapshots) {
            if (snapshot.length == weights.length) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += snapshot[i];
                }
                n++;
            }
        }
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < sum.length; i++) {
            weights[i] = sum[i] / n;
        }
        return true;
    }
}
