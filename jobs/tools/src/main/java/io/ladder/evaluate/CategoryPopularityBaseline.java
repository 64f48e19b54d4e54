package io.ladder.evaluate;

import io.ladder.jobs.ingest.Levels;
import io.ladder.schemas.UserEvent;
import io.ladder.trending.DecayedCounter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Popularity within the user's own categories. Per category, time-decayed counts as {@link
 * PopularityBaseline}'s (click 1, cart 3, purchase 5, same half-life). A user's categories are
 * weighted by recency over their last {@link #HISTORY} distinct items (1 / (1 + rank), newest rank
 * 0); the top {@link #CATEGORIES} share the list: an item of category c scores {@code share(c) *
 * count(item) / mass(c)} (the user's share of c times the item's share of c's decayed engagement).
 * Items the user touched are dropped. An item's category is the first one it came with.
 */
final class CategoryPopularityBaseline implements EvaluatedSystem {
    static final int HISTORY = CovisitBaseline.HISTORY;
    static final int CATEGORIES = 5;

    /** Items counted per category (the weakest half goes when it overflows). */
    static final int CATEGORY_CAPACITY = 2_000;

    /**
     * One category's counts and their ranking. Decay scales every count of a category alike, so the
     * ranking and each item's share of the mass only change when the category gains an event.
     */
    private final class Category {
        final DecayedCounter counts = new DecayedCounter(halfLifeMillis, CATEGORY_CAPACITY);
        List<Map.Entry<String, Double>> ranked;
        double mass;

        List<Map.Entry<String, Double>> ranked(long time) {
            if (ranked == null) {
                ranked = counts.top(CATEGORY_CAPACITY, time);
                mass = counts.mass(time);
            }
            return ranked;
        }
    }

    private final long halfLifeMillis;
    private final int maxK;
    private final ItemIds ids = new ItemIds();
    private final List<String> categoryOf = new ArrayList<>();
    private final Map<String, Category> categories = new HashMap<>();
    private final UserItems users = new UserItems(HISTORY);
    private final ScoreBoard board = new ScoreBoard();

    CategoryPopularityBaseline(long halfLifeMillis, int maxK) {
        this.halfLifeMillis = halfLifeMillis;
        this.maxK = maxK;
    }

    @Override
    public String name() {
        return "category_popularity";
    }

    @Override
    public List<String> step(UserEvent event, boolean wantList) {
        long time = event.getEventTime().toEpochMilli();
        UserItems.User user = users.get(event.getUserId());
        List<String> list = wantList ? list(user, time) : null;
        int item = ids.of(event.getItemId());
        if (item == categoryOf.size()) {
            categoryOf.add(event.getCategoryId());
        }
        String category = categoryOf.get(item);
        if (category != null) {
            Category c = categories.computeIfAbsent(category, k -> new Category());
            c.counts.add(event.getItemId(), PopularityBaseline.LEVEL_WEIGHTS[level(event)], time);
            c.ranked = null;
        }
        users.record(event.getUserId(), item, RecentItems.isPurchase(event));
        return list;
    }

    private static int level(UserEvent event) {
        return Levels.of(event.getType());
    }

    private List<String> list(UserItems.User user, long time) {
        Map<String, Double> weights = new HashMap<>();
        for (int r = 0; r < user.recentSize(); r++) {
            String c = categoryOf.get(user.recent(r));
            if (c != null) {
                weights.merge(c, 1.0 / (1 + r), Double::sum);
            }
        }
        List<Map.Entry<String, Double>> top = new ArrayList<>(weights.entrySet());
        top.sort(
                Map.Entry.<String, Double>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()));
        top = top.subList(0, Math.min(CATEGORIES, top.size()));
        double total = 0;
        for (Map.Entry<String, Double> e : top) {
            total += e.getValue();
        }
        for (Map.Entry<String, Double> e : top) {
            Category c = categories.get(e.getKey());
            if (c == null) {
                continue;
            }
            double share = e.getValue() / total;
            int taken = 0;
            for (Map.Entry<String, Double> item : c.ranked(time)) {
                if (taken == maxK || c.mass <= 0) {
                    break;
                }
                int id = ids.of(item.getKey());
                if (!user.touched.contains(id)) {
                    board.add(id, share * item.getValue() / c.mass);
                    taken++;
                }
            }
        }
        int[] best = board.top(maxK, id -> true);
        List<String> out = new ArrayList<>(best.length);
        for (int id : best) {
            out.add(ids.name(id));
        }
        return out;
    }
}
