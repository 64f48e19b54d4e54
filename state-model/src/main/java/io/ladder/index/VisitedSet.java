package io.ladder.index;

/**
 * The nodes one search has visited: an int stamp per node and a search epoch, so starting a new
 * search is one increment instead of clearing a bitset of the whole graph. Grows to the largest
 * graph it has served; reused by every search of its thread.
 */
final class VisitedSet {
    private int[] stamps = new int[0];
    private int epoch;

    /** Forgets every visit and makes room for nodes {@code 0..capacity). */
    void reset(int capacity) {
        if (stamps.length < capacity) {
            stamps = new int[Math.max(capacity, stamps.length + (stamps.length >> 1))];
            epoch = 0;
        }
        if (++epoch == 0) {
            // wrapped after 2^32 searches: old stamps could equal the new epoch
            java.util.Arrays.fill(stamps, 0);
            epoch = 1;
        }
    }

    /** Marks {@code node} visited; true if it was not yet. */
    boolean visit(int node) {
        if (stamps[node] == epoch) {
            return false;
        }
        stamps[node] = epoch;
        return true;
    }

    boolean contains(int node) {
        return stamps[node] == epoch;
    }
}
