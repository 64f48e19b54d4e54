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
import java.util.function.Predicate;

/**
 * The item index of one subtask, kept in step with the catalogue (broadcast state) under the
 * item-tower version in use. It is derived data: built from the catalogue when first needed (after
 * a start or a restore) and again when a new version arrives, then maintained by upserts; HNSW
 * graphs are rebuilt in the background by the rebuild policy, or synchronously in replay mode so a
 * replay is repeatable.
 */
public final class CatalogIndex implements AutoCloseable {
    private final RetrievalSettings settings;
    private final boolean replay;
    private final Clock clock;
    // Read by the metric reporter's thread (gauges), written by the task thread.
    private volatile ItemIndex index;
    private String modelVersion;
    private long queries;

    public CatalogIndex(RetrievalSettings settings, boolean replay, Clock clock) {
        this.settings = settings;
        this.replay = replay;
        this.clock = clock;
    }

    /** Whether the index serves {@code model}'s version (else call {@link #rebuild}). */
    public boolean isCurrent(ModelContext model) {
        return index != null && model.version().equals(modelVersion);
    }

    /** Builds the index from the whole catalogue under {@code model}'s vectors. */
    public void rebuild(Iterable<Map.Entry<String, CatalogEntry>> catalog, ModelContext model) {
        close();
        ItemIndex fresh =
                settings.indexType().equals("exact")
                        ? new ExactItemIndex(model.dimension(), clock)
                        : HnswItemIndex.builder(model.dimension())
                                .m(settings.m())
                                .efConstruction(settings.efConstruction())
                                .ef(settings.ef())
                                .rebuildPolicy(
                                        new RebuildPolicy(
                                                settings.rebuildChanges(),
                                                settings.rebuildInterval()))
                                .clock(clock)
                                .build();
        List<ItemVector> items = new ArrayList<>();
        for (Map.Entry<String, CatalogEntry> item : catalog) {
            float[] vector = model.vectorFor(item.getValue(), null);
            if (vector != null) {
                items.add(new ItemVector(item.getKey(), vector, item.getValue().popularity));
            }
        }
        // One bulk load: HNSW builds its first graph in one parallel pass before any query.
        fresh.upsertAll(items);
        index = fresh;
        modelVersion = model.version();
    }

    public void upsert(String itemId, CatalogEntry entry, ModelContext model) {
        if (!isCurrent(model)) {
            return; // built with every entry when first needed
        }
        float[] vector = model.vectorFor(entry, null);
        if (vector != null) {
            index.upsert(itemId, vector, entry.popularity);
            maybeRebuild();
        }
    }

    public void remove(String itemId) {
        if (index != null) {
            index.remove(itemId);
            maybeRebuild();
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

    /** What the index holds now, for metrics (zeros before it is built). */
    public IndexStats stats() {
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
        if (index instanceof HnswItemIndex hnsw) {
            hnsw.close();
        }
        index = null;
    }
}
