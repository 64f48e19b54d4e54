package io.ladder.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Builds each epoch's examples: every training pair with its label, plus {@code negatives}
 * popularity-sampled items per pair that the user never engaged with (label 0), each example
 * flagged for id dropout, all shuffled. The stream depends only on (seed, epoch).
 */
final class ExampleSampler {
    private final TrainingWindow window;
    private final Objective objective;
    private final int negatives;
    private final double idDropout;
    private final PopularitySampler sampler;
    private final long seed;
    private final long[] trainKeys;

    ExampleSampler(
            TrainingWindow window,
            Objective objective,
            int negatives,
            double idDropout,
            PopularitySampler sampler,
            long seed) {
        this.window = window;
        this.objective = objective;
        this.negatives = negatives;
        this.idDropout = idDropout;
        this.sampler = sampler;
        this.seed = seed;
        this.trainKeys = new long[window.trainPairs()];
        for (int p = 0; p < trainKeys.length; p++) {
            trainKeys[p] = ((long) window.trainUser[p] << 32) | window.trainItem[p];
        }
        Arrays.sort(trainKeys);
    }

    /** Positive pairs per training label 1..T under the objective. */
    long[] positivesPerLevel() {
        long[] counts = new long[objective.levels()];
        for (byte level : window.trainLevel) {
            counts[objective.trainingLabel(level) - 1]++;
        }
        return counts;
    }

    double[] baseRates() {
        return BaseRates.of(positivesPerLevel(), negatives, objective.levels());
    }

    Examples epoch(int epoch) {
        SplittableRandom random = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (epoch + 1));
        int pairs = window.trainPairs();
        int n = pairs * (1 + negatives);
        int[] user = new int[n];
        int[] item = new int[n];
        byte[] label = new byte[n];
        boolean[] drop = new boolean[n];
        int k = 0;
        for (int p = 0; p < pairs; p++) {
            int u = window.trainUser[p];
            user[k] = u;
            item[k] = window.trainItem[p];
            label[k] = (byte) objective.trainingLabel(window.trainLevel[p]);
            k++;
            for (int s = 0; s < negatives; s++) {
                user[k] = u;
                item[k] = sampleNegative(random, u);
                label[k] = 0;
                k++;
            }
        }
        for (int i = 0; i < n; i++) {
            drop[i] = idDropout > 0 && random.nextDouble() < idDropout;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            swap(user, i, j);
            swap(item, i, j);
            byte b = label[i];
            label[i] = label[j];
            label[j] = b;
        }
        return new Examples(user, item, label, drop);
    }

    /** A popular item the user has no training pair with (up to 16 tries; then the last draw). */
    private int sampleNegative(SplittableRandom random, int u) {
        int item = sampler.sample(random);
        for (int attempt = 0; attempt < 16; attempt++) {
            if (Arrays.binarySearch(trainKeys, ((long) u << 32) | item) < 0) {
                return item;
            }
            item = sampler.sample(random);
        }
        return item;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
