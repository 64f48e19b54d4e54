package io.ladder.index;

import java.time.Clock;

/**
 * Settings of an {@link HnswItemIndex}, validated by {@link #build()}; defaults are the tuned
 * values in state-model/INDEX.md.
 */
public final class HnswItemIndexBuilder {
    public static final int DEFAULT_M = 12;
    public static final int DEFAULT_EF_CONSTRUCTION = 64;
    public static final int DEFAULT_EF = 128;

    /** Searches warm their neighbours' vectors before scoring them (see {@link #prefetch}). */
    public static final boolean DEFAULT_PREFETCH = true;

    public static final int DEFAULT_BUILD_THREADS =
            Math.max(1, Runtime.getRuntime().availableProcessors());

    /** Leaves a core to searches while the old graph serves. */
    public static final int DEFAULT_BACKGROUND_BUILD_THREADS =
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

    public static final int DEFAULT_MIN_HEADROOM = 4096;

    private final int dimensions;
    private int m = DEFAULT_M;
    private int efConstruction = DEFAULT_EF_CONSTRUCTION;
    private boolean prefetch = DEFAULT_PREFETCH;
    private int ef = DEFAULT_EF;
    private int buildThreads = DEFAULT_BUILD_THREADS;
    private int backgroundBuildThreads = DEFAULT_BACKGROUND_BUILD_THREADS;
    private int minHeadroom = DEFAULT_MIN_HEADROOM;
    private RebuildPolicy policy = RebuildPolicy.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private RebuildListener listener = RebuildListener.NONE;

    HnswItemIndexBuilder(int dimensions) {
        this.dimensions = dimensions;
    }

    /** Links per node and layer (2m on the bottom layer). */
    public HnswItemIndexBuilder m(int m) {
        this.m = m;
        return this;
    }

    /** Candidate list size while inserting: build time versus graph quality. */
    public HnswItemIndexBuilder efConstruction(int efConstruction) {
        this.efConstruction = efConstruction;
        return this;
    }

    /** Candidate list size while searching (at least k is used): speed versus recall. */
    public HnswItemIndexBuilder ef(int ef) {
        this.ef = ef;
        return this;
    }

    /**
     * Threads that insert into a graph built while the caller waits ({@link
     * HnswItemIndex#rebuildNow()}, {@link HnswItemIndex#upsertAll}). Default: all cores.
     */
    public HnswItemIndexBuilder buildThreads(int buildThreads) {
        this.buildThreads = buildThreads;
        return this;
    }

    /**
     * Threads for {@link HnswItemIndex#rebuildAsync()} and {@link HnswItemIndex#maybeRebuild},
     * which run beside live searches. Default: cores - 1 (at least 1), so searches keep a core and
     * their p99.
     */
    public HnswItemIndexBuilder backgroundBuildThreads(int backgroundBuildThreads) {
        this.backgroundBuildThreads = backgroundBuildThreads;
        return this;
    }

    /**
     * Free node slots a built graph keeps for live inserts (at least half the built size is kept
     * anyway); new vectors beyond it are scanned exactly until the next rebuild.
     */
    public HnswItemIndexBuilder minHeadroom(int minHeadroom) {
        this.minHeadroom = minHeadroom;
        return this;
    }

    public HnswItemIndexBuilder rebuildPolicy(RebuildPolicy policy) {
        this.policy = policy;
        return this;
    }

    public HnswItemIndexBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public HnswItemIndexBuilder listener(RebuildListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Whether a search reads a node's unvisited neighbours' vectors before scoring them, so their
     * memory loads overlap (default true; bench-index measures it).
     */
    public HnswItemIndexBuilder prefetch(boolean prefetch) {
        this.prefetch = prefetch;
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
        return new HnswItemIndex(
                new HnswParams(dimensions, m, efConstruction, ef, minHeadroom, prefetch),
                new RebuildSettings(buildThreads, backgroundBuildThreads, policy, clock, listener));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
