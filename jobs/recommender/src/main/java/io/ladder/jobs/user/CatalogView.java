package io.ladder.jobs.user;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ItemNeighbours;

/** Read access to the catalogue a subtask holds (broadcast state in Flink, a map in replay). */
public interface CatalogView {
    /** The entry of {@code itemId}, or null if the catalogue never heard of it. */
    CatalogEntry item(String itemId) throws Exception;

    /** Every item of the catalogue (to build an index from). */
    Iterable<java.util.Map.Entry<String, CatalogEntry>> items() throws Exception;

    /** The item's strongest co-engaged neighbours, or null when none are known. */
    ItemNeighbours neighbours(String itemId) throws Exception;

    /** Encoded ModelInfo of the item-tower version in use, or null before the first. */
    default byte[] currentModel() throws Exception {
        return modelRecord(ModelRecords.CURRENT);
    }

    /** A record of the versions' bookkeeping (see {@link ModelRecords}), or null. */
    byte[] modelRecord(String key) throws Exception;
}
