package io.ladder.evaluate;

import io.ladder.jobs.ingest.Levels;
import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Per user: the last {@code bound} distinct items engaged (newest last) and the last {@code bound}
 * purchased, as the job bounds them (model.recent-items, model.purchased-items).
 */
final class RecentItems {
    private final int bound;
    private final Map<String, LinkedHashMap<String, Boolean>> recent = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> purchased = new HashMap<>();

    RecentItems(int bound) {
        this.bound = bound;
    }

    void record(UserEvent e) {
        LinkedHashMap<String, Boolean> items =
                recent.computeIfAbsent(e.getUserId(), u -> new LinkedHashMap<>());
        items.remove(e.getItemId());
        items.put(e.getItemId(), Boolean.TRUE);
        if (items.size() > bound) {
            items.remove(items.keySet().iterator().next());
        }
        if (Levels.of(e.getType()) == Levels.PURCHASE) {
            LinkedHashSet<String> bought =
                    purchased.computeIfAbsent(e.getUserId(), u -> new LinkedHashSet<>());
            bought.remove(e.getItemId());
            bought.add(e.getItemId());
            if (bought.size() > bound) {
                bought.remove(bought.iterator().next());
            }
        }
    }

    /** The user's recent items, newest first. */
    List<String> newestFirst(String user) {
        LinkedHashMap<String, Boolean> items = recent.get(user);
        if (items == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(items.keySet());
        Collections.reverse(out);
        return out;
    }

    boolean purchased(String user, String item) {
        LinkedHashSet<String> bought = purchased.get(user);
        return bought != null && bought.contains(item);
    }

    static boolean isPurchase(UserEvent e) {
        return e.getType() == EventType.PURCHASE;
    }
}
