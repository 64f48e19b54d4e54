package io.ladder.jobs.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Zipf-distributed ranks {@code 0..n-1}: rank k is drawn with probability proportional to {@code 1
 * / (k + 1)^exponent}. Inverse-CDF sampling over a precomputed table (n doubles), so a draw is one
 * binary search.
 */
public final class Zipf {
    private final double[] cdf;

    public Zipf(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("Zipf needs n >= 1, was " + n);
        }
        if (exponent < 0) {
            throw new IllegalArgumentException("Zipf exponent must be >= 0, was " + exponent);
        }
        cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, exponent);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        cdf[n - 1] = 1.0;
    }

    /** A rank in {@code 0..n-1}. */
    public int sample(SplittableRandom random) {
        int i = Arrays.binarySearch(cdf, random.nextDouble());
        return i >= 0 ? i : Math.min(-i - 1, cdf.length - 1);
    }

    /** Probability of rank {@code k}. */
    public double probability(int k) {
        return k == 0 ? cdf[0] : cdf[k] - cdf[k - 1];
    }

    public int size() {
        return cdf.length;
    }
}
