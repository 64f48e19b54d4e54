package io.ladder.jobs.neighbours;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The user side of co-engagement: a user's latest distinct items, newest first, and the pairs one
 * new event makes with them. The new item gets all of them as neighbours in one update, and each of
 * them gets the new item (both ways, as co-visitation counts). Re-engaging an item moves it to the
 * front and pairs again: a user returning to an item next to others says they go together. No Flink
 * here: the job's pairing operator and the replay both call it.
 */
public final class UserPairs {
    private UserPairs() {}

    /**
     * Emits the pair updates of {@code itemId} engaged at {@code time} by a user whose latest items
     * are {@code recent} (newest first; null for none), and returns the user's new latest items.
     */
    public static String[] engage(
            String[] recent, String itemId, long time, int history, Consumer<PairUpdate> out) {
        List<String> others = new ArrayList<>(history);
        if (recent != null) {
            for (String other : recent) {
                if (!other.equals(itemId) && others.size() < history) {
                    others.add(other);
                }
            }
        }
        if (!others.isEmpty()) {
            out.accept(new PairUpdate(itemId, others.toArray(String[]::new), time));
            String[] self = {itemId};
            for (String other : others) {
                out.accept(new PairUpdate(other, self, time));
            }
        }
        String[] next = new String[Math.min(history, others.size() + 1)];
        next[0] = itemId;
        for (int i = 1; i < next.length; i++) {
            next[i] = others.get(i - 1);
        }
        return next;
    }
}
