package io.ladder.trending;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trending items, globally and within each category: time-decayed, level-weighted engagement counts
 * (a purchase says more than a click). Bounded: at most {@code globalCapacity} items overall,
 * {@code perCategoryCapacity} per category, and {@code maxCategories} categories (the least active
 * are dropped). Not thread-safe.
 */
public final class TrendingItems {
    /** Weight of an event of level 1..3 (click, cart, purchase) in the popularity count. */
    private static final double[] LEVEL_WEIGHTS = {0, 1, 3, 5};

    /** Rankings are reused for a second of the caller's clock (see DecayedCounter). */
    static final long RANKING_REUSE_MILLIS = 1_000;

    private final long halfLifeMillis;
    private final int perCategoryCapacity;
    private final int maxCategories;
    private final DecayedCounter global;
    private final Map<String, DecayedCounter> byCategory = new HashMap<>();

    public TrendingItems(
            long halfLifeMillis, int globalCapacity, int perCategoryCapacity, int maxCategories) {
        this.halfLifeMillis = halfLifeMillis;
        this.perCategoryCapacity = perCategoryCapacity;
        this.maxCategories = maxCategories;
        this.global = new DecayedCounter(halfLifeMillis, globalCapacity, RANKING_REUSE_MILLIS);
    }

    /** Records one engagement; {@code categoryId} may be null. */
    public void record(String itemId, String categoryId, int level, long timeMillis) {
        double weight = LEVEL_WEIGHTS[Math.max(0, Math.min(level, LEVEL_WEIGHTS.length - 1))];
        global.add(itemId, weight, timeMillis);
        if (categoryId != null) {
            byCategory
                    .computeIfAbsent(
                            categoryId,
                            c ->
                                    new DecayedCounter(
                                            halfLifeMillis,
                                            perCategoryCapacity,
                                            RANKING_REUSE_MILLIS))
                    .add(itemId, weight, timeMillis);
            if (byCategory.size() > maxCategories) {
                dropQuietestCategories(timeMillis);
            }
        }
    }

    public List<Map.Entry<String, Double>> global(int n, long nowMillis) {
        return global.top(n, nowMillis);
    }

    public List<Map.Entry<String, Double>> inCategory(String categoryId, int n, long nowMillis) {
        DecayedCounter counter = byCategory.get(categoryId);
        return counter == null ? List.of() : counter.top(n, nowMillis);
    }

    private void dropQuietestCategories(long nowMillis) {
        List<Map.Entry<String, DecayedCounter>> entries = new ArrayList<>(byCategory.entrySet());
        entries.sort(Comparator.comparingDouble(e -> e.getValue().mass(nowMillis)));
        for (int i = 0; i < entries.size() / 4 + 1; i++) {
            byCategory.remove(entries.get(i).getKey());
        }
    }
}
