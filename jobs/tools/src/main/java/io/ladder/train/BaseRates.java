package io.ladder.train;

/**
 * Base rates of the training mixture, corrected for negative sampling.
 *
 * <p>Without exposure logs the negatives are sampled, {@code N} per positive pair, so the pairs the
 * loss sees are P positives and N * P negatives. The cutpoints must make a zero score predict the
 * base rate <em>of that mixture</em>: {@code pi_j = #{positives with label >= j} / (P * (1 + N))}.
 * (Using only the positives would give pi_1 = 1; using the event counts would ignore the
 * negatives.) A level no positive reached gets half a pair ({@code 0.5 / (P (1 + N))}) so its
 * cutpoint stays finite.
 */
public final class BaseRates {
    private BaseRates() {}

    /**
     * @param positivesPerLevel number of positive pairs with label exactly 1, 2, 3, ... (index 0 =
     *     label 1), already capped at {@code levels}
     * @param negativesPerPositive N
     * @param levels T
     * @return pi_1..pi_T
     */
    public static double[] of(long[] positivesPerLevel, int negativesPerPositive, int levels) {
        long positives = 0;
        for (long c : positivesPerLevel) {
            positives += c;
        }
        if (positives == 0) {
            throw new IllegalArgumentException("no positive pairs to train on");
        }
        double total = positives * (1.0 + negativesPerPositive);
        double[] pi = new double[levels];
        for (int j = 1; j <= levels; j++) {
            long atLeast = 0;
            for (int l = j; l <= positivesPerLevel.length; l++) {
                atLeast += positivesPerLevel[l - 1];
            }
            pi[j - 1] = Math.max(atLeast, 0.5) / total;
            if (j > 1) {
                pi[j - 1] = Math.min(pi[j - 1], pi[j - 2]);
            }
        }
        return pi;
    }
}
