package io.ladder.jobs.user;

import io.ladder.model.RecentItem;
import io.ladder.model.UserState;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateSource;
import io.ladder.trending.TrendingItems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds one user's ranked list from the candidate sources, best first, without duplicates.
 *
 * <p>Personal candidates (the user's recent engaged items, and in part 2 the items each interest
 * retrieved) are ranked together by the user model's score. Trending items, first within the
 * categories the user engaged with recently, then global, fill the remaining slots below every
 * personal candidate: they are what a user with too few events gets, and a safe tail for others. No
 * Flink here: the function that owns the state calls it.
 */
public final class CandidateAssembler {
    /** A personal candidate before ranking. */
    public record Scored(String itemId, double score, CandidateSource source, int interest) {}

    private static final Comparator<Scored> BEST_FIRST =
            Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::itemId);

    private final int size;
    private final boolean dropPurchased;

    public CandidateAssembler(int size, boolean dropPurchased) {
        this.size = size;
        this.dropPurchased = dropPurchased;
    }

    /**
     * @param recentScore the model's score of a recent item, or null when no item-tower version is
     *     known yet (recent items then rank newest first)
     * @param retrieved candidates the interests retrieved, scored by the user model
     * @param quotas interest index to the number of list slots it keeps (heaviest first)
     */
    public List<Candidate> assemble(
            UserState state,
            Function<RecentItem, Double> recentScore,
            List<Scored> retrieved,
            Map<Integer, Integer> quotas,
            TrendingItems trending,
            Function<String, String> categoryOf,
            long nowMillis) {
        Map<String, Scored> chosen = new LinkedHashMap<>();
        List<RecentItem> recent = state.recentItems();
        for (int rank = 0; rank < recent.size(); rank++) {
            RecentItem item = recent.get(rank);
            if (dropPurchased && state.hasPurchased(item.itemId())) {
                continue;
            }
            Double score = recentScore == null ? null : recentScore.apply(item);
            double value = score != null ? score : 1.0 / (2 + rank);
            chosen.put(item.itemId(), new Scored(item.itemId(), value, CandidateSource.RECENT, -1));
        }
        // Each interest keeps its quota of its own best items, so a minor taste is not crowded
        // out by a dominant one; the union is then ranked by score.
        Map<Integer, List<Scored>> byInterest = new LinkedHashMap<>();
        quotas.keySet().forEach(i -> byInterest.put(i, new ArrayList<>()));
        for (Scored candidate : retrieved) {
            if (!(dropPurchased && state.hasPurchased(candidate.itemId()))) {
                byInterest
                        .computeIfAbsent(candidate.interest(), i -> new ArrayList<>())
                        .add(candidate);
            }
        }
        for (Map.Entry<Integer, List<Scored>> interest : byInterest.entrySet()) {
            List<Scored> own = interest.getValue();
            own.sort(BEST_FIRST);
            int quota = quotas.getOrDefault(interest.getKey(), 0);
            int taken = 0;
            for (Scored candidate : own) {
                if (taken == quota) {
                    break;
                }
                if (chosen.putIfAbsent(candidate.itemId(), candidate) == null) {
                    taken++;
                }
            }
        }
        List<Scored> ranked = new ArrayList<>(chosen.values());
        ranked.sort(BEST_FIRST);

        List<Candidate> out = new ArrayList<>(size);
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (Scored s : ranked) {
            if (out.size() == size) {
                return out;
            }
            out.add(new Candidate(s.itemId(), (float) s.score(), s.source(), s.interest()));
            taken.add(s.itemId());
        }
        fillWithTrending(state, trending, categoryOf, nowMillis, out, taken);
        return out;
    }

    private void fillWithTrending(
            UserState state,
            TrendingItems trending,
            Function<String, String> categoryOf,
            long nowMillis,
            List<Candidate> out,
            java.util.Set<String> taken) {
        if (trending == null || out.size() >= size) {
            return;
        }
        // Trending scores sit below every personal score and keep their own order.
        float floor = out.isEmpty() ? 0f : Math.min(0f, out.get(out.size() - 1).getScore());
        int slot = 0;
        java.util.Set<String> categories = new java.util.LinkedHashSet<>();
        for (RecentItem item : state.recentItems()) {
            String category = categoryOf.apply(item.itemId());
            if (category != null) {
                categories.add(category);
            }
        }
        for (String category : categories) {
            for (Map.Entry<String, Double> hot : trending.inCategory(category, size, nowMillis)) {
                if (out.size() >= size) {
                    return;
                }
                if (accept(state, hot.getKey(), taken)) {
                    out.add(
                            new Candidate(
                                    hot.getKey(),
                                    floor - (++slot) * 1e-3f,
                                    CandidateSource.CATEGORY_TRENDING,
                                    -1));
                }
            }
        }
        for (Map.Entry<String, Double> hot : trending.global(size, nowMillis)) {
            if (out.size() >= size) {
                return;
            }
            if (accept(state, hot.getKey(), taken)) {
                out.add(
                        new Candidate(
                                hot.getKey(),
                                floor - (++slot) * 1e-3f,
                                CandidateSource.TRENDING,
                                -1));
            }
        }
    }

    private boolean accept(UserState state, String itemId, java.util.Set<String> taken) {
        if (dropPurchased && state.hasPurchased(itemId)) {
            return false;
        }
        return taken.add(itemId);
    }
}
