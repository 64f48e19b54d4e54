package io.ladder.jobs.user;

import io.ladder.index.ExactItemIndex;
import io.ladder.index.HnswItemIndex;
import io.ladder.index.IndexStats;
import io.ladder.index.ItemIndex;
import io.ladder.index.ItemVector;
import io.ladder.index.RebuildPolicy;
import io.ladder.index.ScoredItem;
import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ModelContext;
import io.ladder.jobs.config.RetrievalSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * The item index of one subtask, kept in step with the catalogue (broadcast state) under the
 * item-tower version in use. It is derived data: built from the catalogue when first needed (after
 * a start or a restore) and again when a new version arrives, then maintained by upserts; HNSW
 * graphs are rebuilt in the background by the rebuild policy, or synchronously in replay mode so a
 * replay is repeatable.
 *
 * <p>A catalogue above {@code index.blocking-build-max-items} is built in the background: the task
 * thread only reads the vectors out of the catalogue, and {@link #ensureCurrent} says "not yet"
 * until the graph serves. A 100k-item build takes minutes on a busy 2-core TaskManager; blocking
 * the task thread that long after a restore expired every checkpoint until the job failed and
 * restarted into the same build (bench-pipeline, 2026-11-27).
 */
public final class CatalogIndex implements AutoCloseable {
    private final RetrievalSettings settings;
    private final boolean replay;
    private final Clock clock;
    // Read by the metric reporter's thread (gauges), written by the task thread.
    private volatile ItemIndex index;
    // the version the index serves; catalogue changes reach it with that version's vectors
    private ModelContext servingModel;
    // a background build for buildingModel; catalogue changes go to it as well as to the index
    private volatile HnswItemIndex building;
    private ModelContext buildingModel;
    private CompletableFuture<Long> buildDone;
    private long queries;

    public CatalogIndex(RetrievalSettings settings, boolean replay, Clock clock) {
        this.settings = settings;
        this.replay = replay;
        this.clock = clock;
    }

    /** Whether the index serves {@code model}'s version. */
    public boolean isCurrent(ModelContext model) {
        return index != null && model.version().equals(servingModel.version());
    }

    /** Whether a background build for {@code model}'s version is running or waiting to serve. */
    private boolean isBuilding(ModelContext model) {
        return building != null && model.version().equals(buildingModel.version());
    }

    /**
     * Makes the index serve {@code model}'s version: at once if it does or the catalogue is small
     * (or in replay mode), else by starting a background build, or swapping one in once done.
     *
     * @return whether {@link #search} can run now
     * @throws IllegalStateException if the background build failed (the task restarts and retries)
     */
    public boolean ensureCurrent(
            Iterable<Map.Entry<String, CatalogEntry>> catalog, ModelContext model) {
        if (isCurrent(model)) {
            servingModel = model; // the same version republished (e.g. category heads completed)
            return true;
        }
        if (isBuilding(model)) {
            if (!buildDone.isDone()) {
                return false;
            }
            try {
                buildDone.join();
            } catch (CompletionException e) {
                closeBuilding();
                throw new IllegalStateException("the item index build failed", e.getCause());
            }
            closeServing();
            index = building;
            servingModel = buildingModel;
            building = null;
            buildingModel = null;
            buildDone = null;
            return true;
        }
        closeBuilding();
        List<ItemVector> items = vectors(catalog, model);
        if (replay
                || settings.indexType().equals("exact")
                || items.size() <= settings.blockingBuildMaxItems()) {
            closeServing();
            ItemIndex fresh = newIndex(model);
            // One bulk load: HNSW builds its first graph in one parallel pass before any query.
            fresh.upsertAll(items);
            index = fresh;
            servingModel = model;
            return true;
        }
        HnswItemIndex fresh = (HnswItemIndex) newIndex(model);
        fresh.load(items);
        building = fresh;
        buildingModel = model;
        buildDone = fresh.rebuildAsync();
        return false;
    }

    private ItemIndex newIndex(ModelContext model) {
        return settings.indexType().equals("exact")
                ? new ExactItemIndex(model.dimension(), clock)
                : HnswItemIndex.builder(model.dimension())
                        .m(settings.m())
                        .efConstruction(settings.efConstruction())
                        .ef(settings.ef())
                        .prefetch(settings.prefetch())
                        .rebuildPolicy(
                                new RebuildPolicy(
                                        settings.rebuildChanges(), settings.rebuildInterval()))
                        .clock(clock)
                        .build();
    }

    private static List<ItemVector> vectors(
            Iterable<Map.Entry<String, CatalogEntry>> catalog, ModelContext model) {
        List<ItemVector> items = new ArrayList<>();
        for (Map.Entry<String, CatalogEntry> item : catalog) {
            float[] vector = model.vectorFor(item.getValue(), null);
            if (vector != null) {
                items.add(new ItemVector(item.getKey(), vector, item.getValue().popularity));
            }
        }
        return items;
    }

    /**
     * A catalogue change, into the serving index and a build in progress, each with the vector of
     * its own version (they differ while a subtask builds the next version's index). Nothing before
     * the first build: it reads every entry when first needed.
     */
    public void upsert(String itemId, CatalogEntry entry) {
        if (index != null) {
            float[] vector = servingModel.vectorFor(entry, null);
            if (vector != null) {
                index.upsert(itemId, vector, entry.popularity);
                maybeRebuild();
            }
        }
        if (building != null) {
            float[] vector = buildingModel.vectorFor(entry, null);
            if (vector != null) {
                building.upsert(itemId, vector, entry.popularity);
            }
        }
    }

    public void remove(String itemId) {
        if (index != null) {
            index.remove(itemId);
            maybeRebuild();
        }
        if (building != null) {
            building.remove(itemId);
        }
    }

    public List<ScoredItem> search(float[] query, int k, Predicate<String> filter) {
        queries++;
        return index.search(query, k, filter);
    }

    /** Index queries served so far (for metrics). */
    public long queries() {
        return queries;
    }

    public int size() {
        return index == null ? 0 : index.size();
    }

    public long version() {
        return index == null ? 0 : index.version();
    }

    public long builtAtMillis() {
        return index == null ? 0 : index.builtAtMillis();
    }

    /**
     * What the index holds now, for metrics (zeros before it is built; a background build counts
     * once its graph is done, though it serves from the next list that queries).
     */
    public IndexStats stats() {
        HnswItemIndex built = building;
        if (built != null && built.version() >= 1) {
            return built.stats(); // serves from the next list that queries
        }
        ItemIndex current = index;
        if (current instanceof HnswItemIndex hnsw) {
            return hnsw.stats();
        }
        int size = current == null ? 0 : current.size();
        long builtAt = current == null ? 0 : current.builtAtMillis();
        return new IndexStats(size, size, 0, 0, 0, 0, size, 0, builtAt, 0, false);
    }

    private void maybeRebuild() {
        if (index instanceof HnswItemIndex hnsw) {
            if (replay) {
                if (hnsw.changesSinceBuild() >= settings.rebuildChanges()) {
                    hnsw.rebuildNow();
                }
            } else {
                hnsw.maybeRebuild(clock.millis());
            }
        }
    }

    @Override
    public void close() {
        closeServing();
        closeBuilding();
    }

    private void closeServing() {
        if (index instanceof HnswItemIndex hnsw) {
            hnsw.close();
        }
        index = null;
        servingModel = null;
    }

    private void closeBuilding() {
        if (building != null) {
            building.close(); // interrupts the build; its future fails, nobody waits on it
        }
        building = null;
        buildingModel = null;
        buildDone = null;
    }
}
