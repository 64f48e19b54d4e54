package io.ladder.jobs.replay;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ItemNeighbours;
import io.ladder.jobs.user.CatalogWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The catalogue in plain maps: what the replay (and tests of the catalogue rules) run on. */
public final class MapCatalog implements CatalogWriter {
    private final Map<String, CatalogEntry> items = new HashMap<>();
    private final Map<String, ItemNeighbours> neighbours = new HashMap<>();
    private final Map<String, byte[]> models = new HashMap<>();

    @Override
    public ItemNeighbours neighbours(String itemId) {
        return neighbours.get(itemId);
    }

    @Override
    public void putNeighbours(String itemId, ItemNeighbours value) {
        neighbours.put(itemId, value);
    }

    @Override
    public void removeNeighbours(String itemId) {
        neighbours.remove(itemId);
    }

    @Override
    public CatalogEntry item(String itemId) {
        return items.get(itemId);
    }

    @Override
    public Iterable<Map.Entry<String, CatalogEntry>> items() {
        return items.entrySet();
    }

    @Override
    public byte[] modelRecord(String key) {
        return models.get(key);
    }

    @Override
    public void putItem(String itemId, CatalogEntry entry) {
        items.put(itemId, entry);
    }

    @Override
    public void removeItem(String itemId) {
        items.remove(itemId);
    }

    @Override
    public boolean containsItem(String itemId) {
        return items.containsKey(itemId);
    }

    @Override
    public void putModelRecord(String key, byte[] value) {
        models.put(key, value);
    }

    @Override
    public void removeModelRecord(String key) {
        models.remove(key);
    }

    @Override
    public Iterable<String> modelRecordKeys() {
        return List.copyOf(models.keySet());
    }
}
