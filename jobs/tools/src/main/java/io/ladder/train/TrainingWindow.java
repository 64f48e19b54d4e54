package io.ladder.train;

import io.ladder.schemas.EventType;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An events window split into training pairs and the held-out last part, with dense ids.
 *
 * <p>The window ends at {@code until} (exclusive) or, without it, just after the last event; the
 * held-out part is its last {@code validationShare} of engagement events ({@link ValidationCut}). A
 * pair's label is the highest level (1 click, 2 cart/fav, 3 purchase) the user reached on the item
 * within the part. Users, items and categories get ids from the training part only: that is what
 * the tower learns rows for.
 */
final class TrainingWindow {
    final long endMillis;
    final long cutMillis;
    final IdIndex users = new IdIndex();
    final IdIndex items = new IdIndex();
    final IdIndex categories = new IdIndex();

    /** Category id of each training item, -1 when the item has none. */
    int[] itemCategory;

    /** Engagement events per training item in the training part (the sampling popularity). */
    long[] itemTrainCount;

    /** Training pairs, sorted by (user, item). */
    int[] trainUser;

    int[] trainItem;
    byte[] trainLevel;

    /** Held-out pairs, in order of first appearance; ids are -1 where training never saw them. */
    String[] heldOutUserId;

    String[] heldOutItemId;
    String[] heldOutCategoryId;
    byte[] heldOutLevel;

    /** Every item of the window (training and held-out) with its category and engagement count. */
    final Map<String, String> windowItemCategory = new LinkedHashMap<>();

    final Map<String, Long> windowItemCount = new HashMap<>();
    long eventsInWindow;
    long eventsIgnored;
    long trainEvents;
    long heldOutEvents;

    private TrainingWindow(long endMillis, long cutMillis) {
        this.endMillis = endMillis;
        this.cutMillis = cutMillis;
    }

    static int level(EventType type) {
        return switch (type) {
            case CLICK -> 1;
            case CART -> 2;
            case PURCHASE -> 3;
            default -> 0;
        };
    }

    static TrainingWindow of(WindowEvents events, Instant until, double validationShare) {
        long end;
        if (until != null) {
            end = until.toEpochMilli();
        } else {
            long last = Long.MIN_VALUE;
            for (int p = 0; p < events.size(); p++) {
                last = Math.max(last, events.time(p));
            }
            end = last == Long.MIN_VALUE ? 0 : last + 1;
        }
        TrainingWindow w =
                new TrainingWindow(end, ValidationCut.millis(events, end, validationShare));
        w.split(events);
        return w;
    }

    private void split(WindowEvents events) {
        Map<Long, Integer> train = new HashMap<>();
        Map<String, Integer> heldOut = new LinkedHashMap<>();
        Map<String, String[]> heldOutIds = new HashMap<>();
        long[] counts = new long[16];
        Map<Integer, Integer> categoryOf = new HashMap<>();
        for (int e = 0; e < events.size(); e++) {
            long t = events.time(e);
            int level = events.level(e);
            if (t >= endMillis) {
                continue; // after the window: never used
            }
            if (level == 0) {
                eventsIgnored++;
                continue;
            }
            eventsInWindow++;
            String user = events.user(e);
            String item = events.item(e);
            String category = events.category(e);
            if (category != null) {
                windowItemCategory.merge(item, category, (old, fresh) -> old);
            } else {
                windowItemCategory.putIfAbsent(item, null);
            }
            windowItemCount.merge(item, 1L, Long::sum);
            if (t < cutMillis) {
                trainEvents++;
                int u = users.add(user);
                int i = items.add(item);
                if (i >= counts.length) {
                    counts = java.util.Arrays.copyOf(counts, counts.length * 2);
                }
                counts[i]++;
                if (category != null) {
                    int c = categories.add(category);
                    categoryOf.putIfAbsent(i, c);
                }
                train.merge(((long) u << 32) | i, level, Math::max);
            } else {
                heldOutEvents++;
                String key = user + '\u0000' + item;
                heldOut.merge(key, level, Math::max);
                heldOutIds.putIfAbsent(key, new String[] {user, item});
            }
        }
        itemTrainCount = java.util.Arrays.copyOf(counts, items.size());
        itemCategory = new int[items.size()];
        for (int i = 0; i < itemCategory.length; i++) {
            itemCategory[i] = categoryOf.getOrDefault(i, -1);
        }
        long[] keys = train.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        trainUser = new int[keys.length];
        trainItem = new int[keys.length];
        trainLevel = new byte[keys.length];
        for (int p = 0; p < keys.length; p++) {
            trainUser[p] = (int) (keys[p] >>> 32);
            trainItem[p] = (int) keys[p];
            trainLevel[p] = (byte) (int) train.get(keys[p]);
        }
        int n = heldOut.size();
        heldOutUserId = new String[n];
        heldOutItemId = new String[n];
        heldOutCategoryId = new String[n];
        heldOutLevel = new byte[n];
        int p = 0;
        for (Map.Entry<String, Integer> entry : heldOut.entrySet()) {
            String[] ids = heldOutIds.get(entry.getKey());
            heldOutUserId[p] = ids[0];
            heldOutItemId[p] = ids[1];
            heldOutCategoryId[p] = windowItemCategory.get(ids[1]);
            heldOutLevel[p] = (byte) (int) entry.getValue();
            p++;
        }
    }

    int trainPairs() {
        return trainUser.length;
    }

    int heldOutPairs() {
        return heldOutLevel.length;
    }
}
