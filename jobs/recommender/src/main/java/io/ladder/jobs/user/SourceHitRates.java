package io.ladder.jobs.user;

import java.util.Arrays;

/**
 * How often a user's next purchase is the candidate at rank r of each source, learned online from
 * the purchases themselves: before a purchase is applied, the rank the bought item held in each of
 * the user's source rankings is counted. A list then merges the sources by these estimates, so the
 * mix of re-engagement (the user's own items) and discovery (retrieved, trending) follows the data:
 * on a shop where people buy again what they looked at, the touched items lead; where a person
 * never buys what they already rated (MovieLens), retrieved items do. No per-dataset setting.
 *
 * <p>One instance per subtask, fed by the hash-partitioned 1/p sample of users the subtask owns (a
 * fair sample of the purchase mix). A prior worth {@link #PRIOR_PURCHASES} purchases ranks touched
 * items first until the stream says otherwise, as the job did before it learned; counts decay with
 * a horizon of {@link #HORIZON_PURCHASES} purchases so the mix follows the shop. Not thread-safe.
 */
public final class SourceHitRates {
    /** The candidate sources whose ranks are learned, in the order ties are broken. */
    public enum Source {
        TOUCHED,
        RETRIEVED,
        TRENDING,
        /** Appended last: snapshots hold the sources in this order. */
        CO_ENGAGED
    }

    /** Rank buckets: bucket b holds ranks [START[b], START[b + 1]); the last is open-ended. */
    static final int[] START = {0, 1, 2, 3, 5, 10, 20, 50, 100, 200};

    static final double PRIOR_PURCHASES = 50;
    static final double HORIZON_PURCHASES = 20_000;

    /** Prior hit rate at rank 0 per source; it falls as 1 / (1 + rank). */
    private static final double[] PRIOR_TOP_RATE = {0.3, 0.003, 0.001, 0.003};

    private final double[][] hits = new double[Source.values().length][START.length];
    private double purchases;

    /** Non-increasing rates per source and bucket, recomputed after the counts change. */
    private double[][] rates;

    /** Hits of the prior, per source and bucket (fixed). */
    private static final double[][] PRIOR = prior();

    /**
     * The estimated probability that the next purchase is the candidate at {@code rank} of {@code
     * source}, minus a tiny rank term so a source keeps its own order inside a bucket.
     */
    public double probability(Source source, int rank) {
        if (rates == null) {
            rates = new double[hits.length][];
            for (int s = 0; s < hits.length; s++) {
                rates[s] = nonIncreasing(s);
            }
        }
        return rates[source.ordinal()][bucket(rank)] - rank * 1e-12;
    }

    /**
     * Source s's hit rate per rank bucket, made non-increasing by pooling adjacent violators
     * (isotonic regression weighted by the ranks a bucket spans): a source's own order is its best
     * knowledge, and a bucket hit more often than the one before it is noise, not a sign that the
     * source's tenth item beats its first.
     */
    private double[] nonIncreasing(int s) {
        int n = START.length;
        double[] sum = new double[n];
        double[] weight = new double[n];
        int[] span = new int[n];
        int blocks = 0;
        for (int b = 0; b < n; b++) {
            sum[blocks] = hits[s][b] + PRIOR[s][b];
            weight[blocks] = width(b);
            span[blocks] = 1;
            blocks++;
            while (blocks > 1
                    && sum[blocks - 1] / weight[blocks - 1]
                            > sum[blocks - 2] / weight[blocks - 2]) {
                sum[blocks - 2] += sum[blocks - 1];
                weight[blocks - 2] += weight[blocks - 1];
                span[blocks - 2] += span[blocks - 1];
                blocks--;
            }
        }
        double[] out = new double[n];
        double total = purchases + PRIOR_PURCHASES;
        for (int k = 0, b = 0; k < blocks; k++) {
            for (int j = 0; j < span[k]; j++) {
                out[b++] = sum[k] / (weight[k] * total);
            }
        }
        return out;
    }

    /**
     * Counts one purchase: the bought item's rank in each source's ranking of the user just before
     * it, or -1 where the source did not hold it.
     */
    public void record(int touchedRank, int retrievedRank, int trendingRank, int coEngagedRank) {
        double keep = 1 - 1 / HORIZON_PURCHASES;
        for (double[] source : hits) {
            for (int b = 0; b < source.length; b++) {
                source[b] *= keep;
            }
        }
        purchases = purchases * keep + 1;
        rates = null;
        count(Source.TOUCHED, touchedRank);
        count(Source.RETRIEVED, retrievedRank);
        count(Source.TRENDING, trendingRank);
        count(Source.CO_ENGAGED, coEngagedRank);
    }

    /** Share of (decayed) purchases that source held in its ranking, prior included. */
    public double share(Source source) {
        return Arrays.stream(hits[source.ordinal()]).sum() / Math.max(purchases, 1e-9);
    }

    /** The counts as one array (purchases, then hits by source and bucket), for a checkpoint. */
    public double[] snapshot() {
        double[] out = new double[1 + hits.length * START.length];
        out[0] = purchases;
        for (int s = 0; s < hits.length; s++) {
            System.arraycopy(hits[s], 0, out, 1 + s * START.length, START.length);
        }
        return out;
    }

    /**
     * Restores from the snapshots of every subtask (a rescale hands each subtask all of them): each
     * is a sample of the same purchase mix, so their mean is the estimate. A snapshot written
     * before a source was added holds the sources before it (the new one starts from its prior);
     * one of any other layout is skipped (the prior and new purchases take over).
     */
    public void restore(Iterable<double[]> snapshots) {
        int n = 0;
        double[] sum = new double[1 + hits.length * START.length];
        for (double[] snapshot : snapshots) {
            if (snapshot.length <= sum.length && (snapshot.length - 1) % START.length == 0) {
                for (int i = 0; i < snapshot.length; i++) {
                    sum[i] += snapshot[i];
                }
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        purchases = sum[0] / n;
        rates = null;
        for (int s = 0; s < hits.length; s++) {
            for (int b = 0; b < START.length; b++) {
                hits[s][b] = sum[1 + s * START.length + b] / n;
            }
        }
    }

    /** Purchases counted (decayed). */
    public double purchases() {
        return purchases;
    }

    private void count(Source source, int rank) {
        if (rank >= 0) {
            hits[source.ordinal()][bucket(rank)] += 1;
        }
    }

    static int bucket(int rank) {
        for (int b = START.length - 1; b > 0; b--) {
            if (rank >= START[b]) {
                return b;
            }
        }
        return 0;
    }

    /** Ranks a bucket spans (the last, open-ended one counted as 100 wide). */
    static int width(int b) {
        return b + 1 < START.length ? START[b + 1] - START[b] : 100;
    }

    private static double[][] prior() {
        double[][] out = new double[Source.values().length][START.length];
        for (Source s : Source.values()) {
            for (int b = 0; b < START.length; b++) {
                double sum = 0;
                for (int r = START[b]; r < START[b] + width(b); r++) {
                    sum += PRIOR_TOP_RATE[s.ordinal()] / (1 + r);
                }
                out[s.ordinal()][b] = PRIOR_PURCHASES * sum;
            }
        }
        return out;
    }
}
