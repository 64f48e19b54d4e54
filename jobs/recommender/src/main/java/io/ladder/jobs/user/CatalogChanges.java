package io.ladder.jobs.user;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ModelVersionOrder;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.Codecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The broadcast side of a subtask: catalogue changes into its state, index and serving model. */
final class CatalogChanges {
    private static final Logger LOG = LoggerFactory.getLogger(Recommender.class);
    private final CatalogIndex index;
    private final ServingModel serving;
    private final RecommenderMetrics metrics;

    CatalogChanges(CatalogIndex index, ServingModel serving, RecommenderMetrics metrics) {
        this.index = index;
        this.serving = serving;
        this.metrics = metrics;
    }

    /** Applies one catalogue change (broadcast side: every subtask sees the same sequence). */
    void apply(CatalogRecord record, CatalogWriter catalog) throws Exception {
        switch (record.kind) {
            case ITEM -> {
                if (record.deleted) {
                    catalog.removeItem(record.itemId);
                    catalog.removeNeighbours(record.itemId);
                    index.remove(record.itemId);
                } else {
                    CatalogEntry entry =
                            new CatalogEntry(
                                    record.categoryId,
                                    record.vector,
                                    record.modelVersion,
                                    record.popularity);
                    catalog.putItem(record.itemId, entry);
                    if (serving.context() != null) {
                        index.upsert(record.itemId, entry, serving.context());
                    }
                }
            }
            case ANNOUNCED -> {
                if (!catalog.containsItem(record.itemId)) {
                    CatalogEntry entry = new CatalogEntry(record.categoryId, null, null, 0f);
                    catalog.putItem(record.itemId, entry);
                    if (serving.context() != null) {
                        index.upsert(record.itemId, entry, serving.context());
                    }
                }
            }
            case RETIRED -> {
                // Only an announced-only entry goes: the items topic's record may overtake the
                // retirement on its way here (another upstream channel), and a published item
                // must never be lost to it.
                CatalogEntry entry = catalog.item(record.itemId);
                if (entry != null && entry.vector == null && entry.modelVersion == null) {
                    catalog.removeItem(record.itemId);
                    catalog.removeNeighbours(record.itemId);
                    index.remove(record.itemId);
                }
            }
            case NEIGHBOURS -> {
                // Only for items the catalogue holds: it bounds the published and announced
                // items, and so this state; neighbours of an item it dropped are dropped too.
                if (record.neighbours == null
                        || record.neighbours.size() == 0
                        || !catalog.containsItem(record.itemId)) {
                    catalog.removeNeighbours(record.itemId);
                } else {
                    catalog.putNeighbours(record.itemId, record.neighbours);
                }
            }
            case MODEL -> applyModel(record.payload, catalog);
            case REJECTED -> {
                // Split off before this operator.
            }
        }
    }

    /** A version becomes current only if it is the newest (see {@link ModelVersionOrder}). */
    private void applyModel(byte[] encoded, CatalogWriter catalog) throws Exception {
        byte[] currentBytes = catalog.currentModel();
        ModelInfo candidate = Codecs.MODEL_INFO.decode(encoded);
        ModelInfo current = currentBytes == null ? null : Codecs.MODEL_INFO.decode(currentBytes);
        switch (ModelVersionOrder.decide(current, candidate)) {
            case ADOPT -> {
                catalog.putModel(encoded);
                serving.follow(catalog); // the index follows the new version at the next query
            }
            case IGNORE_OLDER -> {
                metrics.modelIgnored();
                LOG.warn(
                        "Item-tower version {} ({}) ignored: {} ({}) is newer and stays current",
                        candidate.getModelVersion(),
                        candidate.getCreatedTime(),
                        current.getModelVersion(),
                        current.getCreatedTime());
            }
            case REFUSE_CONFLICT -> {
                metrics.modelRefused();
                LOG.warn(
                        "Item-tower version {} refused: published again with {} levels x {}, but"
                                + " the version in use has {} x {} (publish a new version instead)",
                        candidate.getModelVersion(),
                        candidate.getLevels(),
                        candidate.getHeadDim(),
                        current.getLevels(),
                        current.getHeadDim());
            }
        }
    }
}
