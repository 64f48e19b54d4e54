package io.ladder.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The item table of {@link HnswItemIndex}: lock-free reads, writes under the index's lock. */
final class ConcurrentItemTable {
    private final ConcurrentHashMap<String, ItemEntry> rows = new ConcurrentHashMap<>();

    ItemEntry get(String id) {
        return rows.get(id);
    }

    void put(ItemEntry entry) {
        rows.put(entry.id(), entry);
    }

    ItemEntry remove(String id) {
        return rows.remove(id);
    }

    int size() {
        return rows.size();
    }

    /** Weakly consistent: sees each row present throughout the walk, maybe rows changed in it. */
    void forEach(Consumer<ItemEntry> action) {
        rows.values().forEach(action);
    }

    List<ItemEntry> snapshot() {
        return new ArrayList<>(rows.values());
    }
}
