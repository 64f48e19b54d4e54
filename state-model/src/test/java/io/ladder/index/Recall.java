package io.ladder.index;

import java.util.List;

/**
 * Recall@k of approximate results against exact ones. An approximate hit counts when its score is
 * at least the exact k-th best (less a float tolerance), not only when its id is among the exact
 * ids: in a real catalogue many items share a vector (an item the tower has no own embedding for
 * serves its category's), and which of equal-scored items the exact search keeps is arbitrary. The
 * evaluation's HNSW recall (AnnRecall) counts the same way.
 */
public final class Recall {
    private static final float TIE_TOLERANCE = 1e-5f;

    private Recall() {}

    public static double of(List<ScoredItem> approximate, List<ScoredItem> exact, int k) {
        int truth = Math.min(k, exact.size());
        if (truth == 0) {
            return 1.0;
        }
        float threshold = exact.get(truth - 1).score() - TIE_TOLERANCE;
        int hits = 0;
        for (int i = 0; i < Math.min(k, approximate.size()); i++) {
            if (approximate.get(i).score() >= threshold) {
                hits++;
            }
        }
        return Math.min(1.0, hits / (double) truth);
    }
}
