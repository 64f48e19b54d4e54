package io.ladder.index;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the generation that serves the searches of {@link HnswItemIndex} and replaces it: builds a
 * new graph from a snapshot of the item table while the old one serves, replays the ids changed
 * meanwhile (read back from the table), and swaps with one volatile write.
 *
 * <p>Shares the index's write lock: the index logs every change with {@link #changed} under it, and
 * a rebuild takes it to snapshot, to replay the last changes and to swap.
 */
final class GraphRebuilder implements AutoCloseable {
    // the index's logger: operators know the rebuild lines by that name
    private static final Logger LOG = LoggerFactory.getLogger(HnswItemIndex.class);

    /** Changes still pending after a build are replayed under the write lock below this count. */
    private static final int FINAL_REPLAY_MAX = 256;

    private final HnswParams params;
    private final RebuildSettings settings;
    private final ConcurrentItemTable table;
    private final ReentrantLock writeLock;
    private final ExecutorService rebuildExecutor;
    private final ExecutorService buildPool;

    private volatile Generation live;
    // guarded by writeLock
    private volatile long changesSinceBuild;
    private Set<String> pending;
    private CompletableFuture<Long> building;

    GraphRebuilder(
            HnswParams params,
            RebuildSettings settings,
            ConcurrentItemTable table,
            ReentrantLock writeLock) {
        this.params = params;
        this.settings = settings;
        this.table = table;
        this.writeLock = writeLock;
        this.rebuildExecutor = Executors.newSingleThreadExecutor(daemon("ladder-index-rebuild"));
        this.buildPool =
                Executors.newFixedThreadPool(
                        Math.max(settings.buildThreads(), settings.backgroundBuildThreads()),
                        daemon("ladder-index-build"));
        this.live = Generation.empty(params, settings.clock().millis());
    }

    /** The serving generation; searches read it without a lock. */
    Generation live() {
        return live;
    }

    /** Under the write lock: counts a change and logs its id for a running rebuild to replay. */
    void changed(String id) {
        changesSinceBuild++;
        if (pending != null) {
            pending.add(id);
        }
    }

    long changesSinceBuild() {
        return changesSinceBuild;
    }

    boolean isRebuilding() {
        writeLock.lock();
        try {
            return building != null;
        } finally {
            writeLock.unlock();
        }
    }

    /** See {@link HnswItemIndex#maybeRebuild}. */
    boolean maybeRebuild(long nowMillis) {
        writeLock.lock();
        try {
            Generation g = live;
            if (building != null
                    || !settings.policy()
                            .isDue(
                                    changesSinceBuild,
                                    g.builtAtMillis(),
                                    nowMillis,
                                    g.overflow().length)) {
                return false;
            }
        } finally {
            writeLock.unlock();
        }
        rebuildAsync();
        return true;
    }

    /** See {@link HnswItemIndex#rebuildAsync}. */
    CompletableFuture<Long> rebuildAsync() {
        Build build;
        writeLock.lock();
        try {
            if (building != null) {
                return building;
            }
            build = start(settings.backgroundBuildThreads());
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

    /** See {@link HnswItemIndex#rebuildNow}. */
    long rebuildNow() {
        while (true) {
            Build build = null;
            CompletableFuture<Long> running;
            writeLock.lock();
            try {
                running = building;
                if (running == null) {
                    build = start(settings.buildThreads());
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
                settings.listener().graphBuilt(version, next.distinctVectors(), built);
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
                settings.listener().swapped(version, replayed, total);
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
                        next.markBuiltAt(settings.clock().millis());
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
}
