package io.ladder.jobs.user;

import io.ladder.jobs.catalog.CatalogEntry;

/** Write access to the catalogue, for the broadcast side. */
public interface CatalogWriter extends CatalogView {
    void putItem(String itemId, CatalogEntry entry) throws Exception;

    void removeItem(String itemId) throws Exception;

    boolean containsItem(String itemId) throws Exception;

    void putModel(byte[] encodedModelInfo) throws Exception;
}
