package io.ladder.jobs.user;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ItemNeighbours;

/** Write access to the catalogue, for the broadcast side. */
public interface CatalogWriter extends CatalogView {
    void putItem(String itemId, CatalogEntry entry) throws Exception;

    void removeItem(String itemId) throws Exception;

    boolean containsItem(String itemId) throws Exception;

    void putModelRecord(String key, byte[] value) throws Exception;

    void removeModelRecord(String key) throws Exception;

    /** Every key of the versions' bookkeeping (a handful: the current and pending versions). */
    Iterable<String> modelRecordKeys() throws Exception;

    void putNeighbours(String itemId, ItemNeighbours neighbours) throws Exception;

    void removeNeighbours(String itemId) throws Exception;
}
