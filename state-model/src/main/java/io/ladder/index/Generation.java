package io.ladder.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HNSW graph over the distinct vectors of the item table, with the bookkeeping to keep it in
 * step with the table between rebuilds.
 *
 * <p>Searches read only {@link #graph}, {@link #group}, the groups' member arrays, {@link
 * #overflow} and {@link #unreachable}, all safe for concurrent reads. Everything else is touched by
 * one writer at a time: the index's write lock for the serving generation, the rebuilding thread
 * for a generation under construction.
 */
final class Generation {
    private static final Group[] NO_GROUPS = new Group[0];

    final long version;
    final int capacity;
    final HnswGraph graph;
    // node id -> its group; set before the node is inserted, so a search always finds it
    private final Group[] groups;
    private final Map<VectorKey, Group> groupsByVector;
    private final Map<String, Group> groupOf;
    private volatile Group[] overflow = NO_GROUPS;
    // in the graph, but no link from where searches enter reached them at build: scanned exactly
    private volatile Group[] unreachable = NO_GROUPS;
    private volatile long builtAtMillis;
    private int nodesAllocated;
    private int nextKey;

    private Generation(long version, int capacity, HnswParams params, int expectedItems) {
        this.version = version;
        this.capacity = capacity;
        this.graph =
                new HnswGraph(
                        capacity,
                        params.m(),
                        params.efConstruction(),
                        params.ef(),
                        version,
                        params.prefetch());
        this.groups = new Group[capacity];
        this.groupsByVector = new HashMap<>();
        this.groupOf = new HashMap<>(Math.max(16, expectedItems * 4 / 3 + 1));
    }

    static Generation empty(HnswParams params, long nowMillis) {
        Generation g = new Generation(0, params.headroom(0), params, 0);
        g.builtAtMillis = nowMillis;
        return g;
    }

    /**
     * Builds a graph over {@code entries} with {@code threads} workers of {@code pool}. Identical
     * vectors become one node whose group lists their items.
     */
    static Generation build(
            List<ItemEntry> entries,
            long version,
            HnswParams params,
            ExecutorService pool,
            int threads)
            throws InterruptedException {
        Map<VectorKey, List<ItemEntry>> byVector = new HashMap<>();
        for (ItemEntry e : entries) {
            byVector.computeIfAbsent(new VectorKey(e.vector()), v -> new ArrayList<>(1)).add(e);
        }
        int distinct = byVector.size();
        Generation g =
                new Generation(
                        version, distinct + params.headroom(distinct), params, entries.size());
        for (Map.Entry<VectorKey, List<ItemEntry>> kv : byVector.entrySet()) {
            ItemEntry[] members = kv.getValue().toArray(new ItemEntry[0]);
            Arrays.sort(members, Group.MEMBER_ORDER);
            Group group = new Group(g.nextKey++, members[0].vector());
            group.setMembers(members);
            group.inGraph = true;
            g.groupsByVector.put(kv.getKey(), group);
            for (ItemEntry member : members) {
                g.groupOf.put(member.id(), group);
            }
            g.groups[group.id()] = group;
        }
        byVector = null; // the group table replaces it; let it go before the graph grows
        g.nodesAllocated = distinct;
        g.insertAll(distinct, pool, threads);
        g.findUnreachable(distinct);
        return g;
    }

    /**
     * HNSW's neighbour pruning can leave a node with no in-link: an outlier vector's neighbours all
     * keep closer ones. No search reaches such a node, so its items would never be served. One walk
     * of the links from the entry point per build (a few milliseconds at 100k) finds them, and
     * searches then scan them exactly like the overflow.
     */
    private void findUnreachable(int nodes) {
        int[] missing = graph.unreachable(nodes);
        if (missing.length > 0) {
            unreachable = Arrays.stream(missing).mapToObj(n -> groups[n]).toArray(Group[]::new);
        }
    }

    private void insertAll(int nodes, ExecutorService pool, int threads)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        Runnable worker =
                () -> {
                    SearchScratch scratch = SearchScratch.get();
                    for (int j = next.getAndIncrement();
                            j < nodes && !Thread.currentThread().isInterrupted();
                            j = next.getAndIncrement()) {
                        GraphInserter.insert(graph, j, groups[j].vector(), scratch);
                    }
                };
        List<Future<?>> futures = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(worker));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("HNSW build failed", e.getCause());
        } finally {
            for (Future<?> f : futures) {
                f.cancel(true);
            }
        }
        if (next.get() < nodes) {
            throw new InterruptedException("HNSW build interrupted");
        }
    }

    /** The array already holding this vector's content, to share it; else {@code vector}. */
    float[] canonical(float[] vector) {
        Group g = groupsByVector.get(new VectorKey(vector));
        return g == null ? vector : g.vector();
    }

    /**
     * Makes the entry searchable in this generation at once. Adds before it detaches from an old
     * group, so a concurrent search never misses a moved item (it may see it twice; search keeps
     * one).
     */
    void upsert(ItemEntry entry) {
        Group old = groupOf.get(entry.id());
        if (old != null && Arrays.equals(old.vector(), entry.vector())) {
            old.put(entry);
            return;
        }
        VectorKey key = new VectorKey(entry.vector());
        Group target = groupsByVector.get(key);
        if (target != null) {
            target.put(entry);
        } else {
            target = new Group(nextKey++, entry.vector());
            target.put(entry);
            groupsByVector.put(key, target);
            insertNode(target);
        }
        groupOf.put(entry.id(), target);
        if (old != null) {
            detach(entry.id(), old);
        }
    }

    void remove(String id) {
        Group old = groupOf.remove(id);
        if (old != null) {
            detach(id, old);
        }
    }

    private void detach(String id, Group group) {
        group.remove(id);
        if (!group.isEmpty()) {
            return;
        }
        groupsByVector.remove(new VectorKey(group.vector()));
        if (group.inGraph) {
            graph.markDeleted(group.id());
            if (unreachable.length > 0) {
                unreachable =
                        Arrays.stream(unreachable).filter(u -> u != group).toArray(Group[]::new);
            }
        } else {
            overflow = Arrays.stream(overflow).filter(o -> o != group).toArray(Group[]::new);
        }
    }

    private void insertNode(Group group) {
        if (nodesAllocated < capacity) {
            nodesAllocated++;
            group.inGraph = true;
            groups[group.id()] = group;
            GraphInserter.insert(graph, group.id(), group.vector(), SearchScratch.get());
        } else {
            group.inGraph = false;
            Group[] grown = Arrays.copyOf(overflow, overflow.length + 1);
            grown[overflow.length] = group;
            overflow = grown;
        }
    }

    /** The group of graph node {@code node}. */
    Group group(int node) {
        return groups[node];
    }

    Group[] overflow() {
        return overflow;
    }

    /** Live groups whose nodes the build's walk from the entry point did not reach. */
    Group[] unreachable() {
        return unreachable;
    }

    long builtAtMillis() {
        return builtAtMillis;
    }

    void markBuiltAt(long millis) {
        builtAtMillis = millis;
    }

    int distinctVectors() {
        return groupsByVector.size();
    }

    /** Node slots used, deleted nodes included (a slot is never reused). */
    int nodesAllocated() {
        return nodesAllocated;
    }
}
