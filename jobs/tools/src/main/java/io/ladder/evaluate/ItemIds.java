package io.ladder.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dense int ids for item ids, in order of first appearance, so baselines count in primitives. */
final class ItemIds {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The id of {@code item}, assigned on first sight. */
    int of(String item) {
        Integer id = ids.get(item);
        if (id == null) {
            id = names.size();
            ids.put(item, id);
            names.add(item);
        }
        return id;
    }

    String name(int id) {
        return names.get(id);
    }

    int size() {
        return names.size();
    }
}
