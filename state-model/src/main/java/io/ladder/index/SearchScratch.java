package io.ladder.index;

/**
 * Everything one graph search or insert needs besides the graph: the visited set, the candidate and
 * result heaps, the sorted output and the buffers of neighbour selection. One per thread ({@link
 * #get()}), reused by every search and insert of that thread on any graph, so a search allocates
 * nothing once its thread has warmed up. A search's output is valid until the thread's next search.
 */
final class SearchScratch {
    private static final ThreadLocal<SearchScratch> PER_THREAD =
            ThreadLocal.withInitial(SearchScratch::new);

    final VisitedSet visited = new VisitedSet();
    final NodeHeap candidates = NodeHeap.bestFirst();
    final NodeHeap results = NodeHeap.worstFirst();

    /** The last search's nodes and scores, best first; {@link #count} of them. */
    int[] nodes = new int[64];

    float[] scores = new float[64];
    int count;

    /** The unvisited neighbours of the node being expanded (lists hold at most 2m). */
    int[] batch = new int[0];

    /** Where the cache-warming reads of a search go, so the JIT cannot drop them. */
    float sink;

    /** A full neighbour list being pruned: its nodes and their scores to the list's owner. */
    int[] pruneNodes = new int[64];

    float[] pruneScores = new float[64];

    static SearchScratch get() {
        return PER_THREAD.get();
    }

    /** Moves the result heap into {@link #nodes}/{@link #scores}, best first. */
    void drainResults() {
        int n = results.size();
        if (nodes.length < n) {
            nodes = new int[n * 2];
            scores = new float[n * 2];
        }
        for (int i = n - 1; i >= 0; i--) {
            scores[i] = results.topScore();
            nodes[i] = results.pop();
        }
        count = n;
    }

    void ensureBatch(int n) {
        if (batch.length < n) {
            batch = new int[n];
        }
    }

    void ensurePrune(int n) {
        if (pruneNodes.length < n) {
            pruneNodes = new int[n * 2];
            pruneScores = new float[n * 2];
        }
    }
}
