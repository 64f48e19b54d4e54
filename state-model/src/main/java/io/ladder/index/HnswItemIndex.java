package io.ladder.index;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Approximate maximum inner product search on our own HNSW graph ({@link HnswGraph}), rebuilt in
 * the background without pausing searches.
 *
 * <ul>
 *   <li>The item table (id -&gt; vector, popularity) is the source of truth. A graph node is a
 *       distinct vector holding the group of items that share it, so hundreds of identical category
 *       vectors make one node, not a degenerate clique; a search expands groups and orders ties by
 *       popularity desc, then id asc.
 *   <li>Between rebuilds an upsert goes into the serving graph at once (searchable when {@link
 *       #upsert} returns); a removal takes the item out of its group at once, and an emptied node
 *       is marked deleted (traversed, never returned) until the next rebuild drops it.
 *   <li>{@link #rebuildAsync()} snapshots the table, builds a new graph on the build pool while the
 *       old one serves, replays the ids changed meanwhile (read back from the table), and swaps
 *       with one volatile write. {@link #rebuildNow()} does the same on the calling thread.
 *   <li>Vector arrays are shared between the table and both graphs, so a rebuild adds only the
 *       second graph's links and bookkeeping to the heap.
 * </ul>
 *
 * <p>Writes (upsert, remove, upsertAll) are serialised by one lock; searches take no lock of this
 * class. Close the index to stop its threads.
 */
public final class HnswItemIndex implements ItemIndex, AutoCloseable {
    private final HnswParams params;
    private final ConcurrentItemTable table = new ConcurrentItemTable();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final GraphRebuilder rebuilder;

    /** Use {@link #builder(int)}, which validates the settings. */
    HnswItemIndex(HnswParams params, RebuildSettings rebuilds) {
        this.params = params;
        this.rebuilder = new GraphRebuilder(params, rebuilds, table, writeLock);
    }

    public static HnswItemIndexBuilder builder(int dimensions) {
        return new HnswItemIndexBuilder(dimensions);
    }

    @Override
    public void upsert(String id, float[] vector, float popularity) {
        ExactItemIndex.checkItem(id, vector, popularity, params.dimensions());
        writeLock.lock();
        try {
            Generation g = rebuilder.live();
            float[] shared = g.canonical(vector);
            ItemEntry entry =
                    new ItemEntry(id, shared == vector ? vector.clone() : shared, popularity);
            table.put(entry);
            g.upsert(entry);
            rebuilder.changed(id);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Puts every item in the table and rebuilds synchronously with the build pool: the fast path to
     * load a catalogue (a parallel build instead of one-by-one graph inserts).
     */
    @Override
    public void upsertAll(Collection<ItemVector> items) {
        load(items);
        rebuildNow();
    }

    /**
     * Puts every item in the table without touching the serving graph: they become searchable at
     * the next rebuild. With {@link #rebuildAsync()} this loads a catalogue without blocking the
     * caller for the build; upserts and removals made meanwhile are replayed into the new graph.
     */
    public void load(Collection<ItemVector> items) {
        for (ItemVector item : items) {
            ExactItemIndex.checkItem(item.id(), item.vector(), item.popularity(), dimensions());
        }
        writeLock.lock();
        try {
            // identical vectors (cold items of one category) share one array
            Map<VectorKey, float[]> distinct = new HashMap<>();
            Generation g = rebuilder.live();
            for (ItemVector item : items) {
                float[] shared =
                        distinct.computeIfAbsent(
                                new VectorKey(item.vector()),
                                key -> {
                                    float[] known = g.canonical(item.vector());
                                    return known == item.vector() ? known.clone() : known;
                                });
                table.put(new ItemEntry(item.id(), shared, item.popularity()));
                rebuilder.changed(item.id());
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean remove(String id) {
        writeLock.lock();
        try {
            if (table.remove(id) == null) {
                return false;
            }
            rebuilder.live().remove(id);
            rebuilder.changed(id);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Asks the graph for {@code k} nodes (at least {@code ef} are explored); when the filter or
     * concurrent removals leave fewer than {@code k} items, asks again for 4x as many nodes, up to
     * the whole graph. When even the whole graph leaves too few, the item table is scanned exactly,
     * so a filtered search finds every accepted item, even one whose node no link reaches.
     */
    @Override
    public List<ScoredItem> search(float[] query, int k, Predicate<String> filter) {
        VectorMath.checkVector(query, params.dimensions(), "query");
        if (k <= 0) {
            return List.of();
        }
        return GraphSearch.search(rebuilder.live(), table, query, k, filter);
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public int dimensions() {
        return params.dimensions();
    }

    @Override
    public long version() {
        return rebuilder.live().version;
    }

    @Override
    public long builtAtMillis() {
        return rebuilder.live().builtAtMillis();
    }

    @Override
    public boolean contains(String id) {
        return table.get(id) != null;
    }

    @Override
    public Optional<float[]> vector(String id) {
        ItemEntry e = table.get(id);
        return e == null ? Optional.empty() : Optional.of(e.vector().clone());
    }

    /** Upserts and removals since the serving graph was built. */
    public long changesSinceBuild() {
        return rebuilder.changesSinceBuild();
    }

    public boolean isRebuilding() {
        return rebuilder.isRebuilding();
    }

    public IndexStats stats() {
        writeLock.lock();
        try {
            Generation g = rebuilder.live();
            int graphNodes = g.graph.size();
            int inGraph = g.nodesAllocated();
            return new IndexStats(
                    table.size(),
                    g.distinctVectors(),
                    graphNodes,
                    inGraph - graphNodes,
                    g.overflow().length,
                    g.unreachable().length,
                    g.capacity,
                    g.version,
                    g.builtAtMillis(),
                    rebuilder.changesSinceBuild(),
                    rebuilder.isRebuilding());
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Starts a background rebuild if the policy says one is due and none is running: the helper the
     * job calls from a timer or after a batch of item updates.
     *
     * @return whether a rebuild was started
     */
    public boolean maybeRebuild(long nowMillis) {
        return rebuilder.maybeRebuild(nowMillis);
    }

    /**
     * Rebuilds in the background; completes with the new version once it serves. If a rebuild is
     * already running, returns that one.
     */
    public CompletableFuture<Long> rebuildAsync() {
        return rebuilder.rebuildAsync();
    }

    /**
     * Rebuilds on the calling thread (with the build pool) and returns the new version once it
     * serves; waits first for a running background rebuild. The swap happens at a known point of
     * the caller's sequence, which deterministic replay needs (the graph itself is not
     * bit-reproducible when several threads insert: their interleaving sets the links).
     */
    public long rebuildNow() {
        return rebuilder.rebuildNow();
    }

    /** Stops the rebuild threads; a running rebuild is interrupted and the old graph stays. */
    @Override
    public void close() {
        rebuilder.close();
    }
}
