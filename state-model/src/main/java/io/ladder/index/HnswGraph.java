package io.ladder.index;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HNSW graph (Malkov and Yashunin 2016) over a fixed number of node slots, scored by inner
 * product with {@link VectorMath#dot}: int node ids, per-node vector arrays (shared with the item
 * table, not copied), neighbour lists in int arrays, and searches that run on a per-thread {@link
 * SearchScratch}, so a search neither boxes nor allocates. Inserting is {@link GraphInserter}'s.
 *
 * <p>Concurrency: inserts may run on several threads at once (a build) or on one writer while
 * searches run (live upserts). A neighbour list is written under its node's lock and read without
 * one: a reader may see a list mid-rewrite, which holds only ids of nodes that exist, so the worst
 * is a slightly worse route. Readers skip a node whose vector or upper lists they cannot see yet.
 * The entry point is one volatile long, published after its node's lists.
 */
final class HnswGraph {
    private static final int LOCK_STRIPES = 1 << 10;
    private static final int MAX_LEVEL = 30;

    /**
     * Set only by the benchmark's untimed counting pass; one volatile read per search otherwise.
     */
    static volatile boolean counting;

    private static final LongAdder DISTANCES = new LongAdder();

    final int capacity;
    final int m;
    private final boolean prefetch;
    final int maxM0;
    final int efConstruction;
    final int ef;
    private final double levelFactor;
    private final long seed;
    final float[][] vectors;
    // level 0: node * stride0 holds the count, then up to maxM0 neighbours
    final int[] links0;
    final int stride0;
    // levels 1..L of a node: (level - 1) * (m + 1) holds the count, then up to m neighbours
    final int[][] upper;
    private final boolean[] deleted;
    private final Object[] locks = new Object[LOCK_STRIPES];
    final Object entryLock = new Object();
    private final AtomicInteger inserted = new AtomicInteger();
    private int deletedCount;
    // (level << 32) | node of the entry point; -1 while empty
    volatile long entry = -1;

    HnswGraph(int capacity, int m, int efConstruction, int ef, long seed) {
        this(capacity, m, efConstruction, ef, seed, true);
    }

    /**
     * @param prefetch read each batch of unvisited neighbours' vectors before scoring them (see
     *     {@link #touch}); off only to measure what it buys where it runs
     */
    HnswGraph(int capacity, int m, int efConstruction, int ef, long seed, boolean prefetch) {
        this.prefetch = prefetch;
        this.capacity = capacity;
        this.m = m;
        this.maxM0 = 2 * m;
        this.efConstruction = efConstruction;
        this.ef = ef;
        this.levelFactor = 1 / Math.log(Math.max(2, m));
        this.seed = seed;
        this.vectors = new float[capacity][];
        this.stride0 = maxM0 + 1;
        this.links0 = new int[Math.multiplyExact(capacity, stride0)];
        this.upper = new int[capacity][];
        this.deleted = new boolean[capacity];
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Live nodes: inserted and not deleted. */
    int size() {
        return inserted.get() - deletedCount;
    }

    /** Single writer: marks a node deleted; searches still route through it, never return it. */
    void markDeleted(int node) {
        if (!deleted[node]) {
            deleted[node] = true;
            deletedCount++;
        }
    }

    boolean isDeleted(int node) {
        return deleted[node];
    }

    void countInserted() {
        inserted.incrementAndGet();
    }

    Object lock(int node) {
        return locks[node & (LOCK_STRIPES - 1)];
    }

    /** The node's level, a fixed function of its id: levels are reproducible, inserts are not. */
    int levelOf(int node) {
        long z = seed + (node + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        double u = ((z >>> 11) + 1) * 0x1.0p-53; // (0, 1]
        return Math.min(MAX_LEVEL, (int) (-Math.log(u) * levelFactor));
    }

    /** The array holding {@code node}'s list at {@code level}, or null if not visible yet. */
    int[] listArray(int node, int level) {
        return level == 0 ? links0 : upper[node];
    }

    int listBase(int node, int level) {
        return level == 0 ? node * stride0 : (level - 1) * (m + 1);
    }

    int maxLinks(int level) {
        return level == 0 ? maxM0 : m;
    }

    /**
     * The best {@code n} live nodes for {@code query} (at least {@code ef} explored), best first,
     * into {@code s.nodes} / {@code s.scores}; returns how many. Fewer than {@code n} means every
     * node reachable from where the search entered the bottom layer was visited.
     */
    int search(float[] query, int n, SearchScratch s) {
        long e = entry;
        if (e < 0) {
            s.count = 0;
            return 0;
        }
        int ep = (int) e;
        float epScore = VectorMath.dot(query, vectors[ep]);
        int dots = 1;
        for (int level = (int) (e >>> 32); level > 0; level--) {
            // greedy descent: move to the best neighbour until none is better
            boolean moved = true;
            while (moved) {
                moved = false;
                int[] list = upper[ep];
                int base = (level - 1) * (m + 1);
                if (list == null || list.length < base + m + 1) {
                    break;
                }
                int count = Math.min(list[base], m);
                for (int i = 1; i <= count; i++) {
                    int x = list[base + i];
                    float[] v = vectors[x];
                    if (v == null) {
                        continue;
                    }
                    float score = VectorMath.dot(query, v);
                    dots++;
                    if (score > epScore) {
                        epScore = score;
                        ep = x;
                        moved = true;
                    }
                }
            }
        }
        dots += searchLayer(query, ep, epScore, Math.max(ef, n), 0, s, true);
        NodeHeap results = s.results;
        while (results.size() > n) {
            results.pop();
        }
        s.drainResults();
        if (counting) {
            DISTANCES.add(dots);
        }
        return s.count;
    }

    /**
     * Best-first search of one layer from {@code ep}, keeping the best {@code width} nodes in
     * {@code s.results} (live ones only if {@code liveOnly}; deleted ones are still routed
     * through). Returns the distance computations made.
     */
    int searchLayer(
            float[] query,
            int ep,
            float epScore,
            int width,
            int level,
            SearchScratch s,
            boolean liveOnly) {
        VisitedSet visited = s.visited;
        visited.reset(capacity);
        s.ensureBatch(maxM0);
        NodeHeap candidates = s.candidates;
        NodeHeap results = s.results;
        candidates.clear();
        results.clear();
        visited.visit(ep);
        candidates.push(epScore, ep);
        if (!(liveOnly && deleted[ep])) {
            results.push(epScore, ep);
        }
        int maxLinks = maxLinks(level);
        int dots = 0;
        while (!candidates.isEmpty()) {
            if (results.size() >= width && candidates.topScore() < results.topScore()) {
                break; // the best unexpanded candidate cannot improve the results
            }
            int c = candidates.pop();
            int[] list = listArray(c, level);
            int base = listBase(c, level);
            if (list == null || list.length < base + maxLinks + 1) {
                continue;
            }
            int count = Math.min(list[base], maxLinks);
            int[] batch = s.batch;
            int fresh = 0;
            for (int i = 1; i <= count; i++) {
                int x = list[base + i];
                if (visited.visit(x) && vectors[x] != null) {
                    batch[fresh++] = x;
                }
            }
            if (prefetch) {
                touch(batch, fresh, s);
            }
            for (int i = 0; i < fresh; i++) {
                int x = batch[i];
                float score = VectorMath.dot(query, vectors[x]);
                dots++;
                boolean full = results.size() >= width;
                if (!full || score > results.topScore()) {
                    candidates.push(score, x);
                    if (!(liveOnly && deleted[x])) {
                        if (full) {
                            results.replaceTop(score, x);
                        } else {
                            results.push(score, x);
                        }
                    }
                }
            }
        }
        return dots;
    }

    /**
     * Reads one float per cache line of each vector about to be scored. The loads are independent,
     * so the core has them all in flight at once, where the dot products one by one would wait for
     * memory once per vector: on this box a vector not in cache costs ~300-800 ns to score, one in
     * cache ~40 ns. The sum goes to the scratch so the JIT keeps the loads.
     */
    private void touch(int[] batch, int n, SearchScratch s) {
        float sum = 0;
        for (int i = 0; i < n; i++) {
            float[] v = vectors[batch[i]];
            for (int j = 0; j < v.length; j += 16) {
                sum += v[j];
            }
        }
        s.sink = sum;
    }

    /**
     * Nodes among {@code 0..nodes)} that no chain of bottom-layer links from the entry point
     * reaches (what an exhaustive search walks): HNSW's neighbour pruning can leave a node with no
     * in-link. Deleted nodes are left out.
     */
    int[] unreachable(int nodes) {
        long e = entry;
        if (e < 0 || nodes == 0) {
            return new int[0];
        }
        boolean[] reached = new boolean[nodes];
        int[] queue = new int[nodes];
        int head = 0;
        int tail = 0;
        int start = (int) e;
        reached[start] = true;
        queue[tail++] = start;
        while (head < tail) {
            int base = queue[head++] * stride0;
            int count = Math.min(links0[base], maxM0);
            for (int i = 1; i <= count; i++) {
                int x = links0[base + i];
                if (x < nodes && !reached[x]) {
                    reached[x] = true;
                    queue[tail++] = x;
                }
            }
        }
        int missing = 0;
        for (int i = 0; i < nodes; i++) {
            if (!reached[i] && !deleted[i]) {
                queue[missing++] = i;
            }
        }
        return java.util.Arrays.copyOf(queue, missing);
    }

    /** Distance computations of searches so far, when {@link #counting} is on. */
    static long distances() {
        return DISTANCES.sum();
    }
}
