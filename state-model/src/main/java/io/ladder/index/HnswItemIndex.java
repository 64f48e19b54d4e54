package io.ladder.index;

import com.github.jelmerk.hnswlib.core.SearchResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approximate maximum inner product search on an hnswlib-core HNSW graph, rebuilt in the background
 * without pausing searches.
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
    private static final Logger LOG = LoggerFactory.getLogger(HnswItemIndex.class);

    /** Changes still pending after a build are replayed under the write lock below this count. */
    private static final int FINAL_REPLAY_MAX = 256;

    /** Search asks the graph for this many times more nodes when the filter left too few items. */
    private static final int WIDEN_FACTOR = 4;

    private final HnswParams params;
    private final int buildThreads;
    private final int backgroundBuildThreads;
    private final RebuildPolicy policy;
    private final Clock clock;
    private final RebuildListener listener;

    private final ConcurrentItemTable table = new ConcurrentItemTable();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ExecutorService rebuildExecutor;
    private final ExecutorService buildPool;

    private volatile Generation live;
    // guarded by writeLock
    private volatile long changesSinceBuild;
    private Set<String> pending;
    private CompletableFuture<Long> building;

    private HnswItemIndex(Builder b) {
        this.params = new HnswParams(b.dimensions, b.m, b.efConstruction, b.ef, b.minHeadroom);
        this.buildThreads = b.buildThreads;
        this.backgroundBuildThreads = b.backgroundBuildThreads;
        this.policy = b.policy;
        this.clock = b.clock;
        this.listener = b.listener;
        this.rebuildExecutor = Executors.newSingleThreadExecutor(daemon("ladder-index-rebuild"));
        this.buildPool =
                Executors.newFixedThreadPool(
                        Math.max(b.buildThreads, b.backgroundBuildThreads),
                        daemon("ladder-index-build"));
        this.live = Generation.empty(params, clock.millis());
    }

    public static Builder builder(int dimensions) {
        return new Builder(dimensions);
    }

    @Override
    public void upsert(String id, float[] vector, float popularity) {
        ExactItemIndex.checkItem(id, vector, popularity, params.dimensions());
        writeLock.lock();
        try {
            Generation g = live;
            float[] shared = g.canonical(vector);
            ItemEntry entry =
                    new ItemEntry(id, shared == vector ? vector.clone() : shared, popularity);
            table.put(entry);
            g.upsert(entry);
            changed(id);
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
            Generation g = live;
            for (ItemVector item : items) {
                float[] shared =
                        distinct.computeIfAbsent(
                                new VectorKey(item.vector()),
                                key -> {
                                    float[] known = g.canonical(item.vector());
                                    return known == item.vector() ? known.clone() : known;
                                });
                table.put(new ItemEntry(item.id(), shared, item.popularity()));
                changed(item.id());
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
            live.remove(id);
            changed(id);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    private void changed(String id) {
        changesSinceBuild++;
        if (pending != null) {
            pending.add(id);
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
        Generation g = live;
        Predicate<String> accept = filter == null ? id -> true : filter;
        List<Candidate> candidates = new ArrayList<>();
        long nodes = k;
        while (true) {
            candidates.clear();
            List<SearchResult<Group, Float>> hits = g.graph.findNearest(query, (int) nodes);
            int accepted = 0;
            for (SearchResult<Group, Float> hit : hits) {
                accepted += expand(hit.item(), -hit.distance(), k, accept, candidates);
            }
            accepted += scan(g.overflow(), Set.of(), query, k, accept, candidates);
            Group[] unreachable = g.unreachable();
            if (unreachable.length > 0) {
                // a live insert may have linked one since the build: count it once
                Set<Group> found = Collections.newSetFromMap(new IdentityHashMap<>());
                hits.forEach(hit -> found.add(hit.item()));
                accepted += scan(unreachable, found, query, k, accept, candidates);
            }
            if (accepted >= k) {
                return Candidate.topK(candidates, k);
            }
            if (hits.size() < nodes || nodes >= g.capacity) {
                // Every node the graph can reach was returned and still too few items passed:
                // the rest, if any, sit in nodes no link leads to (HNSW's neighbour pruning can
                // orphan an outlier vector). A filter this selective is served best by a scan.
                return scanTable(query, k, accept);
            }
            nodes = Math.min(nodes * WIDEN_FACTOR, g.capacity);
        }
    }

    /** Scores the groups the graph does not return (except {@code skip}) exactly. */
    private static int scan(
            Group[] groups,
            Set<Group> skip,
            float[] query,
            int k,
            Predicate<String> accept,
            List<Candidate> out) {
        int accepted = 0;
        for (Group group : groups) {
            if (!skip.contains(group)) {
                accepted += expand(group, VectorMath.dot(query, group.vector()), k, accept, out);
            }
        }
        return accepted;
    }

    /** Exact search over the item table, which is the source of truth. */
    private List<ScoredItem> scanTable(float[] query, int k, Predicate<String> accept) {
        TopK top = new TopK(Math.max(1, Math.min(k, table.size())));
        table.forEach(
                e -> {
                    float score = VectorMath.dot(query, e.vector());
                    if (top.admits(score, e.popularity(), e.id()) && accept.test(e.id())) {
                        top.add(score, e.popularity(), e.id());
                    }
                });
        return top.drain();
    }

    private static int expand(
            Group group, float score, int k, Predicate<String> accept, List<Candidate> out) {
        int accepted = 0;
        for (ItemEntry member : group.members()) {
            if (accepted == k) {
                break;
            }
            if (accept.test(member.id())) {
                out.add(new Candidate(member.id(), score, member.popularity()));
                accepted++;
            }
        }
        return accepted;
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
        return live.version;
    }

    @Override
    public long builtAtMillis() {
        return live.builtAtMillis();
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
        return changesSinceBuild;
    }

    public boolean isRebuilding() {
        writeLock.lock();
        try {
            return building != null;
        } finally {
            writeLock.unlock();
        }
    }

    public IndexStats stats() {
        writeLock.lock();
        try {
            Generation g = live;
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
                    changesSinceBuild,
                    building != null);
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
        writeLock.lock();
        try {
            Generation g = live;
            if (building != null
                    || !policy.isDue(
                            changesSinceBuild, g.builtAtMillis(), nowMillis, g.overflow().length)) {
                return false;
            }
        } finally {
            writeLock.unlock();
        }
        rebuildAsync();
        return true;
    }

    /**
     * Rebuilds in the background; completes with the new version once it serves. If a rebuild is
     * already running, returns that one.
     */
    public CompletableFuture<Long> rebuildAsync() {
        Build build;
        writeLock.lock();
        try {
            if (building != null) {
                return building;
            }
            build = start(backgroundBuildThreads);
        } finally {
            writeLock.unlock();
        }
        try {
            rebuildExecutor.execute(build::run);
        } catch (RejectedExecutionException e) {
            build.fail(e);
        }
        return build.future;
    }

    /**
     * Rebuilds on the calling thread (with the build pool) and returns the new version once it
     * serves; waits first for a running background rebuild. The swap happens at a known point of
     * the caller's sequence, which deterministic replay needs (the graph itself is not
     * bit-reproducible: hnswlib draws node levels from a thread-local random).
     */
    public long rebuildNow() {
        while (true) {
            Build build = null;
            CompletableFuture<Long> running;
            writeLock.lock();
            try {
                running = building;
                if (running == null) {
                    build = start(buildThreads);
                }
            } finally {
                writeLock.unlock();
            }
            if (build != null) {
                build.run();
                return build.future.join();
            }
            running.handle((v, e) -> null).join();
        }
    }

    /** Under the write lock: snapshot the table and start logging changed ids. */
    private Build start(int threads) {
        Build build = new Build(table.snapshot(), live.version + 1, threads);
        pending = new HashSet<>();
        building = build.future;
        return build;
    }

    private final class Build {
        final List<ItemEntry> snapshot;
        final long version;
        final int threads;
        final CompletableFuture<Long> future = new CompletableFuture<>();

        Build(List<ItemEntry> snapshot, long version, int threads) {
            this.snapshot = snapshot;
            this.version = version;
            this.threads = threads;
        }

        void run() {
            long t0 = System.nanoTime();
            try {
                Generation next = Generation.build(snapshot, version, params, buildPool, threads);
                snapshot.clear();
                long built = System.nanoTime() - t0;
                listener.graphBuilt(version, next.distinctVectors(), built);
                int replayed = replayAndSwap(next);
                long total = System.nanoTime() - t0;
                LOG.info(
                        "Item index v{} serving: {} vectors built in {} ms ({} no link reaches,"
                                + " scanned exactly), {} changes replayed, {} ms in all",
                        version,
                        next.distinctVectors(),
                        TimeUnit.NANOSECONDS.toMillis(built),
                        next.unreachable().length,
                        replayed,
                        TimeUnit.NANOSECONDS.toMillis(total));
                listener.swapped(version, replayed, total);
                future.complete(version);
            } catch (Throwable e) {
                LOG.error(
                        "Item index rebuild v{} failed; the previous graph keeps serving",
                        version,
                        e);
                fail(e);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /**
         * Replays ids changed since the snapshot, reading their current state from the table. Big
         * batches go in without the lock (writers keep going and log again); the last few go in
         * under it, then the new generation replaces the old one.
         */
        private int replayAndSwap(Generation next) {
            int replayed = 0;
            while (true) {
                Set<String> batch;
                writeLock.lock();
                try {
                    if (pending.size() <= FINAL_REPLAY_MAX) {
                        replayed += replay(pending, next);
                        next.markBuiltAt(clock.millis());
                        live = next;
                        changesSinceBuild = 0;
                        pending = null;
                        building = null;
                        return replayed;
                    }
                    batch = pending;
                    pending = new HashSet<>();
                } finally {
                    writeLock.unlock();
                }
                replayed += replay(batch, next);
            }
        }

        private int replay(Set<String> ids, Generation next) {
            for (String id : ids) {
                ItemEntry e = table.get(id);
                if (e == null) {
                    next.remove(id);
                } else {
                    next.upsert(e);
                }
            }
            return ids.size();
        }

        void fail(Throwable e) {
            writeLock.lock();
            try {
                if (building == future) {
                    building = null;
                    pending = null;
                }
            } finally {
                writeLock.unlock();
            }
            future.completeExceptionally(e);
        }
    }

    /** Stops the rebuild threads; a running rebuild is interrupted and the old graph stays. */
    @Override
    public void close() {
        rebuildExecutor.shutdownNow();
        buildPool.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Validated configuration; defaults are the tuned values in state-model/INDEX.md. */
    public static final class Builder {
        public static final int DEFAULT_M = 12;
        public static final int DEFAULT_EF_CONSTRUCTION = 64;
        public static final int DEFAULT_EF = 128;
        public static final int DEFAULT_BUILD_THREADS =
                Math.max(1, Runtime.getRuntime().availableProcessors());

        /** Leaves a core to searches while the old graph serves. */
        public static final int DEFAULT_BACKGROUND_BUILD_THREADS =
                Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

        public static final int DEFAULT_MIN_HEADROOM = 4096;

        private final int dimensions;
        private int m = DEFAULT_M;
        private int efConstruction = DEFAULT_EF_CONSTRUCTION;
        private int ef = DEFAULT_EF;
        private int buildThreads = DEFAULT_BUILD_THREADS;
        private int backgroundBuildThreads = DEFAULT_BACKGROUND_BUILD_THREADS;
        private int minHeadroom = DEFAULT_MIN_HEADROOM;
        private RebuildPolicy policy = RebuildPolicy.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private RebuildListener listener = RebuildListener.NONE;

        private Builder(int dimensions) {
            this.dimensions = dimensions;
        }

        /** Links per node and layer (2m on the bottom layer). */
        public Builder m(int m) {
            this.m = m;
            return this;
        }

        /** Candidate list size while inserting: build time versus graph quality. */
        public Builder efConstruction(int efConstruction) {
            this.efConstruction = efConstruction;
            return this;
        }

        /** Candidate list size while searching (at least k is used): speed versus recall. */
        public Builder ef(int ef) {
            this.ef = ef;
            return this;
        }

        /**
         * Threads that insert into a graph built while the caller waits ({@link #rebuildNow()},
         * {@link #upsertAll}). Default: all cores.
         */
        public Builder buildThreads(int buildThreads) {
            this.buildThreads = buildThreads;
            return this;
        }

        /**
         * Threads for {@link #rebuildAsync()} and {@link #maybeRebuild}, which run beside live
         * searches. Default: cores - 1 (at least 1), so searches keep a core and their p99.
         */
        public Builder backgroundBuildThreads(int backgroundBuildThreads) {
            this.backgroundBuildThreads = backgroundBuildThreads;
            return this;
        }

        /**
         * Free node slots a built graph keeps for live inserts (at least half the built size is
         * kept anyway); new vectors beyond it are scanned exactly until the next rebuild.
         */
        public Builder minHeadroom(int minHeadroom) {
            this.minHeadroom = minHeadroom;
            return this;
        }

        public Builder rebuildPolicy(RebuildPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder listener(RebuildListener listener) {
            this.listener = listener;
            return this;
        }

        public HnswItemIndex build() {
            require(dimensions >= 1, "dimensions must be >= 1, was " + dimensions);
            require(m >= 2, "m must be >= 2 (12 is a good start), was " + m);
            require(
                    efConstruction >= 1,
                    "efConstruction must be >= 1 (64 is a good start), was " + efConstruction);
            require(ef >= 1, "ef must be >= 1 (128 is a good start), was " + ef);
            require(buildThreads >= 1, "buildThreads must be >= 1, was " + buildThreads);
            require(
                    backgroundBuildThreads >= 1,
                    "backgroundBuildThreads must be >= 1, was " + backgroundBuildThreads);
            require(minHeadroom >= 1, "minHeadroom must be >= 1, was " + minHeadroom);
            require(policy != null, "rebuildPolicy must not be null");
            require(clock != null, "clock must not be null");
            require(listener != null, "listener must not be null (use RebuildListener.NONE)");
            return new HnswItemIndex(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
