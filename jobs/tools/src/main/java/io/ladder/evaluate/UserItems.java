package io.ladder.evaluate;

import java.util.HashMap;
import java.util.Map;

/**
 * Per user, in dense item ids: the last {@code recentBound} distinct items engaged, newest first,
 * every item they ever touched and every item they bought. The touched and bought sets are not
 * bounded: a baseline that excludes a user's items must know all of them (the job bounds its own).
 */
final class UserItems {
    /** One user's items. */
    static final class User {
        private final int[] recent;
        private int recentSize;
        final IntCounts touched = new IntCounts(Integer.MAX_VALUE);
        final IntCounts bought = new IntCounts(Integer.MAX_VALUE);

        private User(int bound) {
            this.recent = new int[bound];
        }

        /** The item at recency rank {@code rank} (0 = newest). */
        int recent(int rank) {
            return recent[rank];
        }

        int recentSize() {
            return recentSize;
        }

        /** The recency rank of {@code item}, or -1 when it is not among the recent items. */
        int rankOf(int item) {
            for (int r = 0; r < recentSize; r++) {
                if (recent[r] == item) {
                    return r;
                }
            }
            return -1;
        }

        private void record(int item, boolean purchase) {
            int at = rankOf(item);
            int shift = at >= 0 ? at : Math.min(recentSize, recent.length - 1);
            System.arraycopy(recent, 0, recent, 1, shift);
            recent[0] = item;
            if (at < 0 && recentSize < recent.length) {
                recentSize++;
            }
            touched.add(item, 1);
            if (purchase) {
                bought.add(item, 1);
            }
        }
    }

    private static final User NONE = new User(0);

    private final int recentBound;
    private final Map<String, User> users = new HashMap<>();

    UserItems(int recentBound) {
        this.recentBound = recentBound;
    }

    /** The user's items so far (an empty user when unseen; never null). */
    User get(String userId) {
        User u = users.get(userId);
        return u == null ? NONE : u;
    }

    void record(String userId, int item, boolean purchase) {
        users.computeIfAbsent(userId, k -> new User(recentBound)).record(item, purchase);
    }
}
