package io.ladder.index;

/**
 * Inserts nodes into an {@link HnswGraph}: Malkov and Yashunin's algorithm 1 with the neighbour
 * selection heuristic of their algorithm 4 (a candidate is kept only if it is closer to the new
 * node than to every neighbour kept before it), as hnswlib does: {@code m} links per new node on
 * every layer, lists of existing nodes capped at {@code 2m} on the bottom layer and {@code m}
 * above, pruned by the same heuristic when a back-link overflows them.
 *
 * <p>Safe on several threads at once: a thread holds at most one node's lock at a time (plus the
 * entry lock while inserting a node above the current top layer), so no two can deadlock.
 */
final class GraphInserter {
    private GraphInserter() {}

    /**
     * Inserts {@code node} with {@code vector}; the slot must be unused. Searches may run
     * meanwhile.
     */
    static void insert(HnswGraph g, int node, float[] vector, SearchScratch s) {
        int level = g.levelOf(node);
        if (level > 0) {
            g.upper[node] = new int[level * (g.m + 1)];
        }
        g.vectors[node] = vector;
        long e = g.entry;
        if (e < 0 || level > (int) (e >>> 32)) {
            synchronized (g.entryLock) {
                e = g.entry;
                if (e < 0) {
                    g.entry = pack(level, node);
                    g.countInserted();
                    return;
                }
                if (level > (int) (e >>> 32)) {
                    link(g, node, vector, level, e, s);
                    g.entry = pack(level, node); // after its lists: readers descend from it
                    g.countInserted();
                    return;
                }
            }
        }
        link(g, node, vector, level, e, s);
        g.countInserted();
    }

    private static long pack(int level, int node) {
        return ((long) level << 32) | node;
    }

    private static void link(
            HnswGraph g, int node, float[] q, int level, long entry, SearchScratch s) {
        int ep = (int) entry;
        int top = (int) (entry >>> 32);
        float epScore = VectorMath.dot(q, g.vectors[ep]);
        for (int lc = top; lc > level; lc--) {
            g.searchLayer(q, ep, epScore, 1, lc, s, false);
            s.drainResults();
            if (withoutSelf(s, node) > 0) {
                ep = s.nodes[0];
                epScore = s.scores[0];
            }
        }
        for (int lc = Math.min(level, top); lc >= 0; lc--) {
            g.searchLayer(q, ep, epScore, g.efConstruction, lc, s, false);
            s.drainResults();
            int found = withoutSelf(s, node);
            if (found > 0) {
                ep = s.nodes[0];
                epScore = s.scores[0];
            }
            int kept = selectNeighbours(g, s.nodes, s.scores, found, g.m);
            int[] list = g.listArray(node, lc);
            int base = g.listBase(node, lc);
            synchronized (g.lock(node)) {
                for (int i = 0; i < kept; i++) {
                    list[base + 1 + i] = s.nodes[i];
                }
                list[base] = kept;
            }
            for (int i = 0; i < kept; i++) {
                addLink(g, s.nodes[i], node, s.scores[i], lc, s);
            }
        }
    }

    /**
     * Drops {@code node} from the results: a concurrent insert may have linked it before its own
     * lists were written, and no node links to itself.
     */
    private static int withoutSelf(SearchScratch s, int node) {
        int n = 0;
        for (int i = 0; i < s.count; i++) {
            if (s.nodes[i] != node) {
                s.nodes[n] = s.nodes[i];
                s.scores[n] = s.scores[i];
                n++;
            }
        }
        return n;
    }

    /** Adds {@code node} to {@code owner}'s list at {@code level}, pruning a full list. */
    private static void addLink(
            HnswGraph g, int owner, int node, float score, int level, SearchScratch s) {
        int max = g.maxLinks(level);
        int[] list = g.listArray(owner, level);
        int base = g.listBase(owner, level);
        synchronized (g.lock(owner)) {
            int count = list[base];
            for (int i = 1; i <= count; i++) {
                if (list[base + i] == node) {
                    return;
                }
            }
            if (count < max) {
                list[base + 1 + count] = node;
                list[base] = count + 1;
                return;
            }
            s.ensurePrune(max + 1);
            int[] nodes = s.pruneNodes;
            float[] scores = s.pruneScores;
            float[] v = g.vectors[owner];
            for (int i = 0; i < count; i++) {
                int x = list[base + 1 + i];
                nodes[i] = x;
                scores[i] = VectorMath.dot(v, g.vectors[x]);
            }
            nodes[count] = node;
            scores[count] = score;
            sortBestFirst(nodes, scores, count + 1);
            int kept = selectNeighbours(g, nodes, scores, count + 1, max);
            for (int i = 0; i < kept; i++) {
                list[base + 1 + i] = nodes[i];
            }
            list[base] = kept;
        }
    }

    /**
     * Algorithm 4's heuristic over candidates sorted best first by their score to the base node:
     * keeps a candidate unless one already kept scores higher with it than the base does. Keeps at
     * most {@code max}, compacted to the front of the arrays; returns how many. Fewer than {@code
     * max} candidates are all kept, as hnswlib does.
     */
    static int selectNeighbours(HnswGraph g, int[] nodes, float[] scores, int n, int max) {
        if (n <= max) {
            return n;
        }
        int kept = 0;
        for (int i = 0; i < n && kept < max; i++) {
            float[] candidate = g.vectors[nodes[i]];
            float toBase = scores[i];
            boolean diverse = true;
            for (int j = 0; j < kept; j++) {
                if (VectorMath.dot(candidate, g.vectors[nodes[j]]) > toBase) {
                    diverse = false;
                    break;
                }
            }
            if (diverse) {
                nodes[kept] = nodes[i];
                scores[kept] = toBase;
                kept++;
            }
        }
        return kept;
    }

    /** Insertion sort, score descending: lists hold at most 2m + 1 entries. */
    private static void sortBestFirst(int[] nodes, float[] scores, int n) {
        for (int i = 1; i < n; i++) {
            int node = nodes[i];
            float score = scores[i];
            int j = i - 1;
            while (j >= 0 && scores[j] < score) {
                nodes[j + 1] = nodes[j];
                scores[j + 1] = scores[j];
                j--;
            }
            nodes[j + 1] = node;
            scores[j + 1] = score;
        }
    }
}
