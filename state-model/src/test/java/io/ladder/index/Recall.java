package io.ladder.index;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Recall@k of approximate results against exact ones: shared ids over k. */
public final class Recall {
    private Recall() {}

    public static double of(List<ScoredItem> approximate, List<ScoredItem> exact, int k) {
        Set<String> truth = new HashSet<>();
        for (int i = 0; i < Math.min(k, exact.size()); i++) {
            truth.add(exact.get(i).id());
        }
        int hits = 0;
        for (int i = 0; i < Math.min(k, approximate.size()); i++) {
            if (truth.contains(approximate.get(i).id())) {
                hits++;
            }
        }
        return truth.isEmpty() ? 1.0 : hits / (double) truth.size();
    }
}
