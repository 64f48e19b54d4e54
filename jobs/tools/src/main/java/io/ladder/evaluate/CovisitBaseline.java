package io.ladder.evaluate;

import io.ladder.schemas.UserEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Item-to-item co-visitation, counted online from the stream so far (no look-ahead). Each event
 * (any level) adds one to the pair (its item, each other item among the user's last {@link
 * #HISTORY} distinct items), both ways; each item keeps its {@link #NEIGHBOURS} strongest
 * neighbours ({@link IntCounts}). A user's list scores every neighbour c of their recent items j
 * (newest first, rank r = 0, 1, ...) by {@code S(c) = sum_j count(j, c) / (1 + r_j)}.
 *
 * <p>{@code covisit} drops every item the user touched (and so bought). {@code covisit_touched}
 * keeps them, ranked in with the others by {@code 1 / (1 + r_c) + TOUCHED_COVISIT_WEIGHT * S(c) /
 * max S}: the item's own recency rank among the user's last {@code recentBound} items (no term
 * beyond them) plus its normalised co-visitation score (the user's own events count too, so an item
 * engaged often next to their other items rises); a bought item's score is multiplied by {@link
 * #BOUGHT_FACTOR}. Recency orders the user's own items, co-visitation reorders them and adds new
 * items behind them.
 */
final class CovisitBaseline implements EvaluatedSystem {
    /** Recent items per user that pairs are counted within, and that a list is scored from. */
    static final int HISTORY = 20;

    /** Neighbours kept per item (the weakest go once twice as many are held). */
    static final int NEIGHBOURS = 1_000;

    /**
     * Weight of the normalised co-visitation score against the recency term (touched mode). With
     * {@link #BOUGHT_FACTOR}, chosen on dev.csv's validation window (the last 10% of warm-up
     * events, 127 purchases) by NDCG@10 from {0.1, 0.25, 0.5, 1, 2} x {bought dropped, 0.1, 0.25,
     * 0.5}; neighbours differ by one to three purchases.
     */
    static final double TOUCHED_COVISIT_WEIGHT = 0.1;

    /** Bought items stay in the touched mode, their score multiplied by this (repeat purchases). */
    static final double BOUGHT_FACTOR = 0.25;

    private final boolean touchedAllowed;
    private final int maxK;
    private final ItemIds ids = new ItemIds();
    private final UserItems users;
    private final List<IntCounts> neighbours = new ArrayList<>();
    private final ScoreBoard board = new ScoreBoard();

    /**
     * @param touchedAllowed false = {@code covisit}, true = {@code covisit_touched}
     * @param recentBound the user's recent items the touched mode ranks by recency (the job's
     *     model.recent-items); at least {@link #HISTORY}
     */
    CovisitBaseline(boolean touchedAllowed, int recentBound, int maxK) {
        this.touchedAllowed = touchedAllowed;
        this.maxK = maxK;
        this.users = new UserItems(Math.max(HISTORY, recentBound));
    }

    @Override
    public String name() {
        return touchedAllowed ? "covisit_touched" : "covisit";
    }

    @Override
    public List<String> step(UserEvent event, boolean wantList) {
        String userId = event.getUserId();
        UserItems.User user = users.get(userId);
        List<String> list = wantList ? list(user) : null;
        int item = ids.of(event.getItemId());
        while (neighbours.size() <= item) {
            neighbours.add(null);
        }
        int window = Math.min(HISTORY, user.recentSize());
        for (int r = 0; r < window; r++) {
            int other = user.recent(r);
            if (other != item) {
                counts(item).add(other, 1);
                counts(other).add(item, 1);
            }
        }
        users.record(userId, item, RecentItems.isPurchase(event));
        return list;
    }

    private IntCounts counts(int item) {
        IntCounts c = neighbours.get(item);
        if (c == null) {
            c = new IntCounts(NEIGHBOURS);
            neighbours.set(item, c);
        }
        return c;
    }

    private List<String> list(UserItems.User user) {
        int window = Math.min(HISTORY, user.recentSize());
        for (int r = 0; r < window; r++) {
            IntCounts n = neighbours.get(user.recent(r));
            if (n == null) {
                continue;
            }
            double w = 1.0 / (1 + r);
            for (int s = 0; s < n.slots(); s++) {
                int other = n.keyAt(s);
                if (other >= 0) {
                    board.add(other, w * n.valueAt(s));
                }
            }
        }
        int[] top;
        if (touchedAllowed) {
            rankTouchedIn(user);
            top = board.top(maxK, c -> true);
        } else {
            top = board.top(maxK, c -> !user.touched.contains(c));
        }
        List<String> out = new ArrayList<>(top.length);
        for (int c : top) {
            out.add(ids.name(c));
        }
        return out;
    }

    /**
     * Rescales the co-visitation scores, adds each recent item's own recency term and demotes
     * bought items.
     */
    private void rankTouchedIn(UserItems.User user) {
        double max = board.max();
        if (max > 0) {
            board.scale(TOUCHED_COVISIT_WEIGHT / max);
        }
        for (int r = 0; r < user.recentSize(); r++) {
            board.add(user.recent(r), 1.0 / (1 + r));
        }
        for (int i = 0; i < board.size(); i++) {
            int c = board.itemAt(i);
            if (user.bought.contains(c)) {
                board.multiply(c, BOUGHT_FACTOR);
            }
        }
    }
}
