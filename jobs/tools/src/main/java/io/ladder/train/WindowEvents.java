package io.ladder.train;

import io.ladder.schemas.UserEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A window's events reduced to what the training set needs: per event the interned user, item and
 * category ids, the level and the event time (21 bytes), and every distinct id string once. A
 * reader streams records into it and drops each record at once, so a window of the events topic
 * never sits in memory as decoded records. Holds at most {@code maxEvents}: {@link #add} refuses
 * the next one, and the reader stops there.
 */
public final class WindowEvents {
    /** Per event: three int ids, a level byte, a long time. */
    static final int BYTES_PER_EVENT = 3 * Integer.BYTES + 1 + Long.BYTES;

    private final long maxEvents;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private long idChars;
    private int[] user = new int[1024];
    private int[] item = new int[1024];
    private int[] category = new int[1024];
    private byte[] level = new byte[1024];
    private long[] time = new long[1024];
    private int size;

    public WindowEvents(long maxEvents) {
        if (maxEvents < 1 || maxEvents > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "max events must be in 1.." + (Integer.MAX_VALUE - 8) + ", was " + maxEvents);
        }
        this.maxEvents = maxEvents;
    }

    /** The events of a list (the CSV path and the in-process API), in list order. */
    public static WindowEvents of(List<UserEvent> events) {
        WindowEvents out = new WindowEvents(Math.max(1, events.size()));
        for (UserEvent e : events) {
            out.add(
                    e.getUserId(),
                    e.getItemId(),
                    e.getCategoryId(),
                    TrainingWindow.level(e.getType()),
                    e.getEventTime().toEpochMilli());
        }
        return out;
    }

    /**
     * Adds one event; {@code level} 0 (no engagement) is kept and ignored by the training split.
     *
     * @return false, adding nothing, when the window already holds {@code maxEvents}
     */
    public boolean add(
            String userId, String itemId, String categoryId, int level, long timeMillis) {
        if (size >= maxEvents) {
            return false;
        }
        if (size == user.length) {
            int grown = (int) Math.min(maxEvents, (long) size * 2);
            user = Arrays.copyOf(user, grown);
            item = Arrays.copyOf(item, grown);
            category = Arrays.copyOf(category, grown);
            this.level = Arrays.copyOf(this.level, grown);
            time = Arrays.copyOf(time, grown);
        }
        user[size] = intern(userId);
        item[size] = intern(itemId);
        category[size] = categoryId == null ? -1 : intern(categoryId);
        this.level[size] = (byte) level;
        time[size] = timeMillis;
        size++;
        return true;
    }

    private int intern(String id) {
        Integer known = ids.get(id);
        if (known != null) {
            return known;
        }
        int next = names.size();
        ids.put(id, next);
        names.add(id);
        idChars += id.length();
        return next;
    }

    public int size() {
        return size;
    }

    public long maxEvents() {
        return maxEvents;
    }

    /** Distinct id strings (users, items and categories together). */
    public int distinctIds() {
        return names.size();
    }

    /**
     * Rough heap held: the event arrays as allocated plus, per distinct id, its string and map
     * entry (~64 B + 2 B per char). Reported, so a window's memory can be sized before it grows.
     */
    public long estimatedBytes() {
        return (long) user.length * BYTES_PER_EVENT + names.size() * 64L + idChars * 2;
    }

    String user(int p) {
        return names.get(user[p]);
    }

    String item(int p) {
        return names.get(item[p]);
    }

    /** Null when the event had none. */
    String category(int p) {
        int c = category[p];
        return c < 0 ? null : names.get(c);
    }

    int level(int p) {
        return level[p];
    }

    long time(int p) {
        return time[p];
    }
}
