package io.ladder.train;

import java.util.random.RandomGenerator;

/**
 * Draws item ids with probability proportional to {@code count^exponent} in O(1) per draw (Walker's
 * alias method). Immutable after construction, so threads may share it with their own generators.
 */
final class PopularitySampler {
    private final double[] probability;
    private final int[] alias;

    PopularitySampler(long[] counts, double exponent) {
        int n = counts.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot sample negatives: no training items");
        }
        probability = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = Math.pow(Math.max(counts[i], 0), exponent);
            total += scaled[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("cannot sample negatives: all counts are zero");
        }
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = scaled[i] * n / total;
            if (scaled[i] < 1.0) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            probability[s] = scaled[s];
            alias[s] = l;
            scaled[l] = (scaled[l] + scaled[s]) - 1.0;
            if (scaled[l] < 1.0) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        while (nl > 0) {
            probability[large[--nl]] = 1.0;
        }
        while (ns > 0) {
            probability[small[--ns]] = 1.0; // rounding leftovers
        }
    }

    int sample(RandomGenerator random) {
        int column = random.nextInt(probability.length);
        return random.nextDouble() < probability[column] ? column : alias[column];
    }

    int size() {
        return probability.length;
    }
}
