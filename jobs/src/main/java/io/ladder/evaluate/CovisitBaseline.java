package io.ladder.evaluate;

import io.ladder.schemas.UserEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Item-to-item co-visitation, counted online from the stream so far (no look-ahead): each event
 * adds one to the pair (its item, each of the user's recent items). A user's list scores every
 * neighbour of their recent items by the sum of co-visit counts, weighted 1 / (1 + position) for
 * the recent item's position (newest first); purchased items are removed.
 */
final class CovisitBaseline implements EvaluatedSystem {
    private final RecentItems recent;
    private final int maxK;
    private final Map<String, Map<String, Integer>> pairs = new HashMap<>();

    CovisitBaseline(int bound, int maxK) {
        this.recent = new RecentItems(bound);
        this.maxK = maxK;
    }

    @Override
    public String name() {
        return "covisit";
    }

    @Override
    public List<String> step(UserEvent event, boolean wantList) {
        String user = event.getUserId();
        List<String> history = recent.newestFirst(user);
        List<String> list = wantList ? build(user, history) : null;
        String item = event.getItemId();
        for (String other : history) {
            if (!other.equals(item)) {
                pairs.computeIfAbsent(item, k -> new HashMap<>()).merge(other, 1, Integer::sum);
                pairs.computeIfAbsent(other, k -> new HashMap<>()).merge(item, 1, Integer::sum);
            }
        }
        recent.record(event);
        return list;
    }

    private List<String> build(String user, List<String> history) {
        Map<String, Double> scores = new HashMap<>();
        for (int pos = 0; pos < history.size(); pos++) {
            Map<String, Integer> neighbours = pairs.get(history.get(pos));
            if (neighbours == null) {
                continue;
            }
            double w = 1.0 / (1 + pos);
            neighbours.forEach((other, count) -> scores.merge(other, w * count, Double::sum));
        }
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(scores.entrySet());
        ranked.sort(
                Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue)
                        .reversed()
                        .thenComparing(Map.Entry::getKey));
        List<String> out = new ArrayList<>(maxK);
        for (Map.Entry<String, Double> e : ranked) {
            if (out.size() == maxK) {
                break;
            }
            if (!recent.purchased(user, e.getKey())) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
