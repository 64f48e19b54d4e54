package io.ladder.evaluate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Paired bootstrap of a difference of means: events are resampled with replacement, the same
 * resample for both systems, and the 2.5th and 97.5th percentiles of the resampled differences give
 * the 95% interval. Seeded: the same seed gives the same interval.
 */
public final class Bootstrap {
    /** The observed difference and its 95% interval. */
    public record Interval(double difference, double low, double high, int events) {}

    private Bootstrap() {}

    public static Interval pairedDifference(double[] a, double[] b, int resamples, long seed) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length");
        }
        int n = a.length;
        double[] d = new double[n];
        double observed = 0;
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - b[i];
            observed += d[i];
        }
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        observed /= n;
        if (resamples <= 0) {
            return new Interval(observed, Double.NaN, Double.NaN, n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += d[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        return new Interval(observed, percentile(means, 0.025), percentile(means, 0.975), n);
    }

    /** Linear interpolation between closest ranks. */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
