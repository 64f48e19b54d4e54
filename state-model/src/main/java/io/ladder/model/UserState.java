package io.ladder.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One user's state, pure data: up to K interests, the recent engaged items, the purchased items
 * (for filtering), counts per ladder level, total events and the item-tower version the interests
 * were folded under. {@link UserModel} mutates it and keeps every collection within the bounds of
 * its {@link UserModelConfig}; {@link UserStateSerializer} stores it. Not thread-safe (one keyed
 * state per user). No randomness: the same events give the same state.
 */
public final class UserState {
    // Not final: a refold under an item tower of another shape reshapes the state.
    private int levels;
    private int headDim;
    final List<Interest> interests = new ArrayList<>();
    // Insertion order = oldest first; a touched item is moved to the end (newest).
    final LinkedHashMap<String, RecentItem> recent = new LinkedHashMap<>();
    final LinkedHashSet<String> purchased = new LinkedHashSet<>();
    final long[] levelCounts = new long[UserModelConfig.EVENT_LEVELS];
    long totalEvents;
    long negatives;
    String modelVersion = "";

    /** An empty state for vectors of {@code levels} heads of dimension {@code headDim}. */
    public UserState(int levels, int headDim) {
        if (levels < 1 || headDim < 1) {
            throw new IllegalArgumentException("levels and headDim must be >= 1");
        }
        this.levels = levels;
        this.headDim = headDim;
    }

    public int levels() {
        return levels;
    }

    public int headDim() {
        return headDim;
    }

    /** The interests in slot order (read-only view; the slot index is stable until a merge). */
    public List<Interest> interests() {
        return Collections.unmodifiableList(interests);
    }

    /** Recent engaged items, newest first. */
    public List<RecentItem> recentItems() {
        List<RecentItem> items = new ArrayList<>(recent.values());
        Collections.reverse(items);
        return items;
    }

    /** The entry of a recently engaged item, or null. */
    public RecentItem recentItem(String itemId) {
        return recent.get(itemId);
    }

    public int recentItemCount() {
        return recent.size();
    }

    /** True when the user bought the item among the last purchased-items-bound purchases. */
    public boolean hasPurchased(String itemId) {
        return purchased.contains(itemId);
    }

    public int purchasedItemCount() {
        return purchased.size();
    }

    /** Purchased item ids, newest first. */
    public List<String> purchasedItems() {
        List<String> items = new ArrayList<>(purchased);
        Collections.reverse(items);
        return items;
    }

    /** Events seen at ladder level {@code level} (1 click, 2 cart, 3 purchase). */
    public long count(int level) {
        return levelCounts[level - 1];
    }

    /** Counts per ladder level, index 0 = click. */
    public long[] countsPerLevel() {
        return levelCounts.clone();
    }

    /** Engagement events folded in (sampled negatives not included). */
    public long totalEvents() {
        return totalEvents;
    }

    /** Sampled negatives folded in. */
    public long negatives() {
        return negatives;
    }

    /** Item-tower version the interests were folded under ("" before the first event). */
    public String modelVersion() {
        return modelVersion;
    }

    /** A deep copy. */
    public UserState copy() {
        UserState c = new UserState(levels, headDim);
        for (Interest i : interests) {
            c.interests.add(i.copy());
        }
        c.recent.putAll(recent);
        c.purchased.addAll(purchased);
        System.arraycopy(levelCounts, 0, c.levelCounts, 0, levelCounts.length);
        c.totalEvents = totalEvents;
        c.negatives = negatives;
        c.modelVersion = modelVersion;
        return c;
    }

    /** New vector dimensions; only with no interests left (they have the old shape). */
    void reshape(int newLevels, int newHeadDim) {
        if (!interests.isEmpty()) {
            throw new IllegalStateException("clear the interests before reshaping");
        }
        this.levels = newLevels;
        this.headDim = newHeadDim;
    }

    /** Records an item as touched now, newest, dropping the oldest beyond {@code bound}. */
    void touch(String itemId, int level, long timeMillis, int bound) {
        RecentItem previous = recent.remove(itemId);
        recent.put(
                itemId,
                previous == null
                        ? new RecentItem(itemId, level, timeMillis, 1)
                        : previous.touched(level, timeMillis));
        trimOldest(recent.keySet().iterator(), recent.size() - bound);
    }

    void purchase(String itemId, int bound) {
        purchased.remove(itemId);
        purchased.add(itemId);
        trimOldest(purchased.iterator(), purchased.size() - bound);
    }

    private static void trimOldest(Iterator<?> oldestFirst, int excess) {
        for (int i = 0; i < excess; i++) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserState other
                && levels == other.levels
                && headDim == other.headDim
                && interests.equals(other.interests)
                && recentItems().equals(other.recentItems())
                && purchasedItems().equals(other.purchasedItems())
                && Arrays.equals(levelCounts, other.levelCounts)
                && totalEvents == other.totalEvents
                && negatives == other.negatives
                && modelVersion.equals(other.modelVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(levels, headDim, interests, recent.keySet(), totalEvents);
    }

    @Override
    public String toString() {
        return "UserState{interests="
                + interests.size()
                + ", recent="
                + recent.size()
                + ", purchased="
                + purchased.size()
                + ", counts="
                + Arrays.toString(levelCounts)
                + ", total="
                + totalEvents
                + ", version="
                + modelVersion
                + "}";
    }
}
