package io.ladder.jobs.user;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ItemNeighbours;

/**
 * Catalogue reads for the list builders' lambdas, which cannot throw: a failing state read is a
 * failure of the record being processed, never a silently missing candidate.
 */
final class CatalogReads {
    private CatalogReads() {}

    static ItemNeighbours neighbours(CatalogView catalog, String itemId) {
        try {
            return catalog.neighbours(itemId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the catalogue", e);
        }
    }

    static boolean known(CatalogView catalog, String itemId) {
        try {
            return catalog.item(itemId) != null;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the catalogue", e);
        }
    }

    static String category(CatalogView catalog, String itemId, String hint) {
        try {
            CatalogEntry entry = catalog.item(itemId);
            return entry != null && entry.categoryId != null ? entry.categoryId : hint;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the catalogue", e);
        }
    }
}
