package io.ladder.jobs.user;

import io.ladder.jobs.catalog.ItemNeighbours;
import io.ladder.jobs.user.SourceHitRates.Source;
import io.ladder.model.RecentItem;
import io.ladder.model.UserState;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateSource;
import io.ladder.trending.TrendingItems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds one user's ranked list from the candidate sources, best first, without duplicates.
 *
 * <p>Each source ranks its own candidates: the user's touched items by the touched-item blend, the
 * items the interests retrieved by the user model (each interest keeping its quota, so a minor
 * taste is not crowded out by a dominant one), the items co-engaged with the user's latest ones
 * (each neighbour c of recent item j, newest first at rank r_j, scores {@code sum_j count(j, c) /
 * (1 + r_j)}, as the covisit baseline, over {@code (1 + m_c)^e} where m_c is c's own co-engagement
 * mass, so the items everyone engages with do not lead every list), and trending items, first
 * within the categories the user engaged with recently, then global. The candidates are then ranked
 * together by {@link SourceFusion}, learned from the purchases: by where each stands in every
 * source, so whether the user's own items or new ones lead is what the purchases said, not a fixed
 * order, and an item two sources hold can pass both sources' tops. The candidate's score is that
 * estimate. No Flink here: the function that owns the state calls it.
 */
public final class CandidateAssembler {
    /** A personal candidate before ranking. */
    public record Scored(String itemId, double score, CandidateSource source, int interest) {}

    /** Each source's own ranking of one user's candidates, best first. */
    public record SourceLists(
            List<Scored> touched,
            List<Scored> retrieved,
            List<Scored> coEngaged,
            List<Scored> trending) {
        /** {@code source}'s ranking. */
        public List<Scored> of(Source source) {
            return switch (source) {
                case TOUCHED -> touched;
                case RETRIEVED -> retrieved;
                case CO_ENGAGED -> coEngaged;
                case TRENDING -> trending;
            };
        }

        /** The rank of {@code itemId} in {@code source}'s ranking, or -1. */
        public int rankOf(Source source, String itemId) {
            List<Scored> list = of(source);
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).itemId().equals(itemId)) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * Every candidate with its rank in each source (in {@link Source} order, -1 where the
         * source does not hold it), in the order the sources first name them.
         */
        public Map<String, int[]> positions() {
            Map<String, int[]> out = new LinkedHashMap<>();
            for (Source source : Source.values()) {
                List<Scored> list = of(source);
                for (int rank = 0; rank < list.size(); rank++) {
                    int[] ranks =
                            out.computeIfAbsent(list.get(rank).itemId(), id -> absentEverywhere());
                    if (ranks[source.ordinal()] < 0) {
                        ranks[source.ordinal()] = rank;
                    }
                }
            }
            return out;
        }

        private static int[] absentEverywhere() {
            int[] ranks = new int[Source.values().length];
            Arrays.fill(ranks, -1);
            return ranks;
        }
    }

    private static final Comparator<Scored> BEST_FIRST =
            Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::itemId);

    /** The user's most recent categories whose trending items are a source. */
    static final int TRENDING_CATEGORIES = 5;

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
     * @param neighboursOf an item's co-engaged neighbours (null: none), or null without the source
     * @param coEngagementHistory the user's latest items whose neighbours are candidates
     * @param known whether the catalogue holds an item (a co-engaged candidate must be placeable)
     */
    public SourceLists sources(
            UserState state,
            Function<RecentItem, Double> recentScore,
            List<Scored> retrieved,
            Map<Integer, Integer> quotas,
            TrendingItems trending,
            Function<String, String> categoryOf,
            Function<String, ItemNeighbours> neighboursOf,
            int coEngagementHistory,
            double popularityExponent,
            Predicate<String> known,
            long nowMillis) {
        List<Scored> touched = new ArrayList<>();
        Set<String> touchedIds = new HashSet<>();
        List<RecentItem> recent = state.recentItems();
        for (int rank = 0; rank < recent.size(); rank++) {
            RecentItem item = recent.get(rank);
            touchedIds.add(item.itemId());
            if (dropPurchased && state.hasPurchased(item.itemId())) {
                continue;
            }
            Double score = recentScore == null ? null : recentScore.apply(item);
            double value = score != null ? score : 1.0 / (2 + rank);
            touched.add(new Scored(item.itemId(), value, CandidateSource.RECENT, -1));
        }
        touched.sort(BEST_FIRST);
        return new SourceLists(
                touched,
                byQuota(state, retrieved, quotas, touchedIds),
                coEngaged(
                        state,
                        neighboursOf,
                        coEngagementHistory,
                        popularityExponent,
                        known,
                        touchedIds),
                trending(state, trending, categoryOf, nowMillis, touchedIds));
    }

    /**
     * The sources' candidates ranked together by {@code fusion}, at most {@code size}, best first;
     * each names the source that contributed most to its score.
     */
    public List<Candidate> assemble(SourceLists sources, SourceFusion fusion) {
        List<Scored> ranked = new ArrayList<>();
        for (Map.Entry<String, int[]> candidate : sources.positions().entrySet()) {
            int[] ranks = candidate.getValue();
            Source lead = fusion.leading(ranks);
            Scored own = sources.of(lead).get(ranks[lead.ordinal()]);
            ranked.add(
                    new Scored(
                            candidate.getKey(),
                            fusion.probability(ranks),
                            own.source(),
                            own.interest()));
        }
        ranked.sort(BEST_FIRST);
        List<Candidate> out = new ArrayList<>(Math.min(size, ranked.size()));
        for (Scored s : ranked) {
            if (out.size() == size) {
                break;
            }
            out.add(new Candidate(s.itemId(), (float) s.score(), s.source(), s.interest()));
        }
        return out;
    }

    private List<Scored> byQuota(
            UserState state,
            List<Scored> retrieved,
            Map<Integer, Integer> quotas,
            Set<String> touched) {
        Map<Integer, List<Scored>> byInterest = new LinkedHashMap<>();
        quotas.keySet().forEach(i -> byInterest.put(i, new ArrayList<>()));
        for (Scored candidate : retrieved) {
            if (!touched.contains(candidate.itemId())
                    && !(dropPurchased && state.hasPurchased(candidate.itemId()))) {
                byInterest
                        .computeIfAbsent(candidate.interest(), i -> new ArrayList<>())
                        .add(candidate);
            }
        }
        Map<String, Scored> chosen = new LinkedHashMap<>();
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
        List<Scored> out = new ArrayList<>(chosen.values());
        out.sort(BEST_FIRST);
        return out;
    }

    /**
     * Neighbours of the user's latest items, by recency-weighted co-engagement discounted by each
     * candidate's own co-engagement mass ({@code co-engagement.popularity-exponent}); touched left
     * out.
     */
    private List<Scored> coEngaged(
            UserState state,
            Function<String, ItemNeighbours> neighboursOf,
            int history,
            double popularityExponent,
            Predicate<String> known,
            Set<String> touched) {
        if (neighboursOf == null) {
            return List.of();
        }
        Map<String, Double> scores = new HashMap<>();
        List<RecentItem> recent = state.recentItems();
        for (int r = 0; r < Math.min(history, recent.size()); r++) {
            ItemNeighbours n = neighboursOf.apply(recent.get(r).itemId());
            for (int i = 0; n != null && i < n.size(); i++) {
                scores.merge(n.ids[i], n.weights[i] / (1.0 + r), Double::sum);
            }
        }
        List<Scored> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            String id = e.getKey();
            if (!touched.contains(id)
                    && !(dropPurchased && state.hasPurchased(id))
                    && known.test(id)) {
                double score = e.getValue();
                if (popularityExponent > 0) {
                    score /= Math.pow(1 + mass(neighboursOf.apply(id)), popularityExponent);
                }
                out.add(new Scored(id, score, CandidateSource.CO_ENGAGED, -1));
            }
        }
        out.sort(BEST_FIRST);
        return out.size() > size ? new ArrayList<>(out.subList(0, size)) : out;
    }

    /** How much an item is co-engaged at all: the sum of its broadcast neighbours' counts. */
    private static double mass(ItemNeighbours neighbours) {
        double sum = 0;
        for (int i = 0; neighbours != null && i < neighbours.size(); i++) {
            sum += neighbours.weights[i];
        }
        return sum;
    }

    /** Trending in the user's recent categories (newest first), then global; touched left out. */
    private List<Scored> trending(
            UserState state,
            TrendingItems trending,
            Function<String, String> categoryOf,
            long nowMillis,
            Set<String> touched) {
        List<Scored> out = new ArrayList<>();
        if (trending == null) {
            return out;
        }
        Set<String> taken = new HashSet<>(touched);
        Set<String> categories = new LinkedHashSet<>();
        for (RecentItem item : state.recentItems()) {
            String category = categoryOf.apply(item.itemId());
            if (category != null) {
                categories.add(category);
                if (categories.size() == TRENDING_CATEGORIES) {
                    break;
                }
            }
        }
        for (String category : categories) {
            for (Map.Entry<String, Double> hot : trending.inCategory(category, size, nowMillis)) {
                if (out.size() >= size) {
                    return out;
                }
                if (accept(state, hot.getKey(), taken)) {
                    out.add(new Scored(hot.getKey(), 0, CandidateSource.CATEGORY_TRENDING, -1));
                }
            }
        }
        for (Map.Entry<String, Double> hot : trending.global(size, nowMillis)) {
            if (out.size() >= size) {
                return out;
            }
            if (accept(state, hot.getKey(), taken)) {
                out.add(new Scored(hot.getKey(), 0, CandidateSource.TRENDING, -1));
            }
        }
        return out;
    }

    private boolean accept(UserState state, String itemId, Set<String> taken) {
        return !(dropPurchased && state.hasPurchased(itemId)) && taken.add(itemId);
    }
}
