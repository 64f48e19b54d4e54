package io.ladder.train;

/**
 * Per-level AUCs on held-out (user, item) pairs with labels 0..3 (sampled negatives are 0). For
 * level j, among pairs whose label is >= j-1, how well the model's P(k >= j) separates label >= j
 * from label = j-1. A model with fewer levels T than j scores with its top logit z_T (AUC is
 * rank-based, so any monotone transform gives the same value).
 *
 * @param engagement j = 1: any engagement vs sampled negative
 * @param cartGivenClick j = 2: cart or purchase vs click only
 * @param purchaseGivenCart j = 3: purchase vs cart only
 * @param purchaseVsAll purchase vs every other held-out pair (negatives included), scored by z_T
 * @param pairs held-out pairs scored, per label 0..3
 */
public record LevelAucs(
        double engagement,
        double cartGivenClick,
        double purchaseGivenCart,
        double purchaseVsAll,
        long[] pairs) {

    /** Mean of the three per-level AUCs (skipping undefined ones): the early-stopping criterion. */
    public double mean() {
        double sum = 0;
        int n = 0;
        for (double a : new double[] {engagement, cartGivenClick, purchaseGivenCart}) {
            if (!Double.isNaN(a)) {
                sum += a;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * @param labels label 0..3 of each pair
     * @param logits {@code modelLevels} logits z_1..z_T per pair, flat
     * @param modelLevels T of the model that produced the logits
     */
    public static LevelAucs of(byte[] labels, double[] logits, int modelLevels) {
        int n = labels.length;
        if (logits.length != (long) n * modelLevels) {
            throw new IllegalArgumentException("expected " + modelLevels + " logits per pair");
        }
        double[] perLevel = new double[3];
        for (int j = 1; j <= 3; j++) {
            int column = Math.min(j, modelLevels) - 1;
            int m = 0;
            for (byte l : labels) {
                if (l >= j - 1) {
                    m++;
                }
            }
            double[] scores = new double[m];
            boolean[] positive = new boolean[m];
            int k = 0;
            for (int p = 0; p < n; p++) {
                if (labels[p] >= j - 1) {
                    scores[k] = logits[p * modelLevels + column];
                    positive[k] = labels[p] >= j;
                    k++;
                }
            }
            perLevel[j - 1] = Auc.of(scores, positive);
        }
        double[] top = new double[n];
        boolean[] purchase = new boolean[n];
        long[] counts = new long[4];
        for (int p = 0; p < n; p++) {
            top[p] = logits[p * modelLevels + modelLevels - 1];
            purchase[p] = labels[p] >= 3;
            counts[Math.min(labels[p], 3)]++;
        }
        return new LevelAucs(perLevel[0], perLevel[1], perLevel[2], Auc.of(top, purchase), counts);
    }
}
