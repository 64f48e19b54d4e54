package io.ladder.model;

/**
 * What one user did to one item: the highest ladder level reached (1 click .. 3 purchase), the time
 * of the latest event and how many engagement events there were.
 */
public record RecentItem(String itemId, int highestLevel, long lastMillis, int count) {
    public RecentItem {
        if (itemId == null) {
            throw new IllegalArgumentException("itemId must not be null");
        }
    }

    /** This item after one more event at {@code level} and {@code timeMillis}. */
    RecentItem touched(int level, long timeMillis) {
        return new RecentItem(
                itemId,
                Math.max(highestLevel, level),
                Math.max(lastMillis, timeMillis),
                count == Integer.MAX_VALUE ? count : count + 1);
    }
}
