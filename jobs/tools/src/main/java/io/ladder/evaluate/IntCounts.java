package io.ladder.evaluate;

import java.util.Arrays;

/**
 * An open-addressing map from non-negative int keys to int counts (no boxing), optionally bounded:
 * with a {@code bound}, once more than twice that many keys are held the map keeps only the {@code
 * bound} highest counts (ties: the smaller key). Iterate with {@link #slots()}, {@link #keyAt} and
 * {@link #valueAt} (empty slots have key -1). Not thread-safe.
 */
final class IntCounts {
    private static final int EMPTY = -1;

    private final int bound;
    private int[] keys;
    private int[] values;
    private int size;

    /**
     * @param bound keys kept after a prune; {@code Integer.MAX_VALUE} = unbounded
     */
    IntCounts(int bound) {
        this.bound = bound;
        allocate(8);
    }

    private void allocate(int capacity) {
        keys = new int[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** Adds {@code by} to the count of {@code key} (a new key starts at 0). */
    void add(int key, int by) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                values[i] += by;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = by;
        size++;
        if (bound != Integer.MAX_VALUE && size > 2 * bound) {
            retainTop(bound);
        } else if (size * 2 > keys.length) {
            rehash(keys.length * 2);
        }
    }

    /** The count of {@code key}, 0 when absent. */
    int get(int key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return 0;
    }

    boolean contains(int key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    int size() {
        return size;
    }

    int slots() {
        return keys.length;
    }

    int keyAt(int slot) {
        return keys[slot];
    }

    int valueAt(int slot) {
        return values[slot];
    }

    private void rehash(int capacity) {
        int[] oldKeys = keys;
        int[] oldValues = values;
        allocate(capacity);
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] != EMPTY) {
                put(oldKeys[s], oldValues[s]);
            }
        }
    }

    private void put(int key, int value) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    /** Keeps the {@code n} highest counts (ties: the smaller key): the weakest pairs go. */
    private void retainTop(int n) {
        long[] packed = new long[size];
        int p = 0;
        for (int s = 0; s < keys.length; s++) {
            if (keys[s] != EMPTY) {
                // Highest count first, then the smallest key: sort ascending on (-count, key).
                packed[p++] = ((long) -values[s] << 32) | keys[s];
            }
        }
        Arrays.sort(packed);
        int kept = Math.min(n, packed.length);
        int capacity = Integer.highestOneBit(Math.max(4, kept * 4 - 1)) * 2;
        allocate(Math.max(keys.length, capacity));
        for (int q = 0; q < kept; q++) {
            put((int) packed[q], (int) -(packed[q] >> 32));
        }
    }
}
