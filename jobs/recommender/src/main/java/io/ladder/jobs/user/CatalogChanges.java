package io.ladder.jobs.user;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.ingest.CatalogRecord;

/** The broadcast side of a subtask: catalogue changes into its state, index and serving model. */
final class CatalogChanges {
    private final CatalogIndex index;
    private final ServingModel serving;
    private final VersionAdoption adoption;

    CatalogChanges(CatalogIndex index, ServingModel serving, RecommenderMetrics metrics) {
        this.index = index;
        this.serving = serving;
        this.adoption = new VersionAdoption(metrics);
    }

    /** Applies one catalogue change (broadcast side: every subtask sees the same sequence). */
    void apply(CatalogRecord record, CatalogWriter catalog) throws Exception {
        switch (record.kind) {
            case ITEM -> {
                if (record.deleted) {
                    adoption.removeItem(catalog, record.itemId);
                    catalog.removeNeighbours(record.itemId);
                    index.remove(record.itemId);
                } else {
                    CatalogEntry entry =
                            new CatalogEntry(
                                    record.categoryId,
                                    record.vector,
                                    record.modelVersion,
                                    record.popularity);
                    boolean adopted = adoption.putItem(catalog, record.itemId, entry);
                    index.upsert(record.itemId, entry);
                    if (adopted) {
                        serving.follow(catalog); // the new version's index starts building
                    }
                }
            }
            case ANNOUNCED -> {
                if (!catalog.containsItem(record.itemId)) {
                    CatalogEntry entry = new CatalogEntry(record.categoryId, null, null, 0f);
                    catalog.putItem(record.itemId, entry);
                    index.upsert(record.itemId, entry);
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
            case MODEL -> {
                // A version becomes current only if it is the newest (ModelVersionOrder) and
                // the catalogue holds its items (VersionAdoption).
                if (adoption.putModel(catalog, record.payload)) {
                    serving.follow(catalog);
                }
            }
            case REJECTED -> {
                // Split off before this operator.
            }
        }
    }
}
