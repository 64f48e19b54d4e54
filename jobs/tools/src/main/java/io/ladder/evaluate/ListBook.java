package io.ladder.evaluate;

import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The lists a recommender emitted, per user: the last few, newest last. {@link #before} answers
 * "the user's list with the highest sequence below n", which is the list a user saw just before
 * their n-th event: no look-ahead, also when events share a timestamp.
 */
public final class ListBook {
    /** Lists kept per user; the lookup only ever needs the newest below the next sequence. */
    static final int KEPT = 4;

    private record Entry(long sequence, List<String> items) {}

    private final int maxK;
    private final Map<String, Deque<Entry>> lists = new HashMap<>();

    public ListBook(int maxK) {
        this.maxK = maxK;
    }

    /** Records an emitted list (lists arrive in emission order). */
    public void accept(CandidateList list) {
        List<Candidate> candidates = list.getCandidates();
        List<String> ids = new ArrayList<>(Math.min(maxK, candidates.size()));
        for (int i = 0; i < candidates.size() && i < maxK; i++) {
            ids.add(candidates.get(i).getItemId());
        }
        Deque<Entry> deque = lists.computeIfAbsent(list.getUserId(), u -> new ArrayDeque<>());
        deque.addLast(new Entry(list.getSequence(), List.copyOf(ids)));
        if (deque.size() > KEPT) {
            deque.removeFirst();
        }
    }

    /** The user's emitted list with the highest sequence strictly below {@code n}, or null. */
    public List<String> before(String userId, long n) {
        Deque<Entry> deque = lists.get(userId);
        if (deque == null) {
            return null;
        }
        Entry best = null;
        for (Iterator<Entry> it = deque.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.sequence < n && (best == null || e.sequence > best.sequence)) {
                best = e;
            }
        }
        return best == null ? null : best.items;
    }

    /** Drops a user's lists (their state expired in the job, and their stored list with it). */
    public void forget(String userId) {
        lists.remove(userId);
    }
}
