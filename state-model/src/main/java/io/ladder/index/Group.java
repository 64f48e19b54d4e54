package io.ladder.index;

import com.github.jelmerk.hnswlib.core.Item;
import java.util.Arrays;
import java.util.Comparator;

/**
 * One HNSW node: a distinct vector and every item that has exactly that vector (items nobody
 * engaged share their category's vector, hundreds per vector). Members are kept sorted by
 * popularity desc, then id asc, in a copy-on-write array, so a search reads a consistent snapshot
 * without locking. Mutated only by the index's single writer.
 */
final class Group implements Item<Integer, float[]> {
    private static final long serialVersionUID = 1L;
    private static final ItemEntry[] NONE = new ItemEntry[0];

    static final Comparator<ItemEntry> MEMBER_ORDER =
            Comparator.comparingDouble((ItemEntry e) -> -e.popularity())
                    .thenComparing(ItemEntry::id);

    private final Integer key;
    private final float[] vector;
    private transient volatile ItemEntry[] members = NONE;

    /** False when the graph was full and this group lives in the generation's overflow list. */
    transient boolean inGraph;

    Group(int key, float[] vector) {
        this.key = key;
        this.vector = vector;
    }

    @Override
    public Integer id() {
        return key;
    }

    @Override
    public float[] vector() {
        return vector;
    }

    @Override
    public int dimensions() {
        return vector.length;
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
