package io.ladder.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dense ids 0..n-1 for strings, in order of first appearance. Not thread-safe while growing. */
final class IdIndex {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    int add(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        int next = names.size();
        ids.put(name, next);
        names.add(name);
        return next;
    }

    /** The id of {@code name}, or -1 when unknown (also for null). */
    int get(String name) {
        if (name == null) {
            return -1;
        }
        Integer id = ids.get(name);
        return id == null ? -1 : id;
    }

    String name(int id) {
        return names.get(id);
    }

    int size() {
        return names.size();
    }
}
