package io.ladder.evaluate;

import java.util.List;
import java.util.function.Function;

/** The per-event and per-list measures, on ranks (0-based; -1 = not in the list). */
public final class RankMetrics {
    private RankMetrics() {}

    /** Hit at K (Recall@K = HitRate@K with one relevant item per event). */
    public static double recall(int rank, int k) {
        return rank >= 0 && rank < k ? 1.0 : 0.0;
    }

    /** NDCG@K with binary gain and one relevant item: 1 / log2(rank + 2) inside the top K. */
    public static double ndcg(int rank, int k) {
        return rank >= 0 && rank < k ? 1.0 / (Math.log(rank + 2) / Math.log(2)) : 0.0;
    }

    /** 0-based position of {@code item} in {@code list}, -1 when absent or the list is null. */
    public static int rank(List<String> list, String item) {
        return list == null ? -1 : list.indexOf(item);
    }

    /**
     * Share of pairs among the first {@code k} items whose categories differ; items of unknown
     * category are left out. NaN when fewer than two items have a known category.
     */
    public static double diversity(List<String> list, int k, Function<String, String> categoryOf) {
        int n = Math.min(k, list.size());
        String[] cats = new String[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            String c = categoryOf.apply(list.get(i));
            if (c != null) {
                cats[m++] = c;
            }
        }
        if (m < 2) {
            return Double.NaN;
        }
        long different = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                if (!cats[i].equals(cats[j])) {
                    different++;
                }
            }
        }
        return different / (m * (m - 1) / 2.0);
    }
}
