package io.ladder.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A scored item with the popularity prior that breaks score ties. */
record Candidate(String id, float score, float popularity) {

    /** Best first: score desc, popularity desc, id asc. */
    static final Comparator<Candidate> BEST_FIRST =
            Comparator.comparingDouble((Candidate c) -> -c.score)
                    .thenComparingDouble(c -> -c.popularity)
                    .thenComparing(Candidate::id);

    /** Sorts best first and keeps the first {@code k} distinct ids. */
    static List<ScoredItem> topK(List<Candidate> candidates, int k) {
        candidates.sort(BEST_FIRST);
        List<ScoredItem> out = new ArrayList<>(Math.min(k, candidates.size()));
        Set<String> seen = new HashSet<>();
        for (Candidate c : candidates) {
            if (out.size() == k) {
                break;
            }
            if (seen.add(c.id)) {
                out.add(new ScoredItem(c.id, c.score));
            }
        }
        return out;
    }
}
