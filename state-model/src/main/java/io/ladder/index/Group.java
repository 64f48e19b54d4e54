package io.ladder.index;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One HNSW node: a distinct vector and every item that has exactly that vector (items nobody
 * engaged share their category's vector, hundreds per vector). Members are kept sorted by
 * popularity desc, then id asc, in a copy-on-write array, so a search reads a consistent snapshot
 * without locking. Mutated only by the index's single writer.
 */
final class Group {
    private static final ItemEntry[] NONE = new ItemEntry[0];

    static final Comparator<ItemEntry> MEMBER_ORDER =
            Comparator.comparingDouble((ItemEntry e) -> -e.popularity())
                    .thenComparing(ItemEntry::id);

    // the graph node id, or beyond the graph's slots for an overflow group
    private final int key;
    private final float[] vector;
    private volatile ItemEntry[] members = NONE;

    /** False when the graph was full and this group lives in the generation's overflow list. */
    boolean inGraph;

    Group(int key, float[] vector) {
        this.key = key;
        this.vector = vector;
    }

    int id() {
        return key;
    }

    float[] vector() {
        return vector;
    }

    ItemEntry[] members() {
        return members;
    }

    boolean isEmpty() {
        return members.length == 0;
    }

    /** Bulk initialisation during a build, before the group is visible to searches. */
    void setMembers(ItemEntry[] sorted) {
        members = sorted;
    }

    /** Adds the entry, replacing any entry with the same id. */
    void put(ItemEntry entry) {
        ItemEntry[] current = without(members, entry.id());
        int at = Arrays.binarySearch(current, entry, MEMBER_ORDER);
        int insertAt = at >= 0 ? at : -at - 1;
        ItemEntry[] next = new ItemEntry[current.length + 1];
        System.arraycopy(current, 0, next, 0, insertAt);
        next[insertAt] = entry;
        System.arraycopy(current, insertAt, next, insertAt + 1, current.length - insertAt);
        members = next;
    }

    void remove(String id) {
        members = without(members, id);
    }

    private static ItemEntry[] without(ItemEntry[] entries, String id) {
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].id().equals(id)) {
                ItemEntry[] next = new ItemEntry[entries.length - 1];
                System.arraycopy(entries, 0, next, 0, i);
                System.arraycopy(entries, i + 1, next, i, entries.length - i - 1);
                return next;
            }
        }
        return entries;
    }
}
