package io.ladder.train;

import io.ladder.jobs.catalog.ModelContext;
import io.ladder.model.OrdinalModel;
import io.ladder.schemas.CategoryHeads;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tower version as published: its ModelInfo and its items' vectors, read back from the items
 * topic (warm start, quality gate) or from a run's output files (rollback by republishing).
 */
public final class PublishedTower implements ItemEmbeddings {
    /** One published item, without the Avro record's boxed floats. */
    record StoredItem(String categoryId, float[] vector, float popularity) {}

    private final ModelInfo info;
    private final OrdinalModel model;
    private final Map<String, StoredItem> items;
    private final Map<String, float[]> categories = new HashMap<>();
    private final float[] defaultVector;

    PublishedTower(ModelInfo info, Map<String, StoredItem> items) {
        this.info = info;
        this.model = ModelContext.of(info).ordinal();
        this.items = items;
        for (CategoryHeads h : info.getCategoryHeads()) {
            categories.put(h.getCategoryId(), toArray(h.getEmbedding()));
        }
        this.defaultVector = toArray(info.getDefaultEmbedding());
    }

    /** A version from its ModelInfo and Item records (items of other versions are ignored). */
    public static PublishedTower of(ModelInfo info, List<Item> records) {
        Map<String, StoredItem> items = new LinkedHashMap<>();
        for (Item item : records) {
            if (info.getModelVersion().equals(item.getModelVersion()) && !item.getDeleted()) {
                items.put(item.getItemId(), stored(item));
            }
        }
        return new PublishedTower(info, items);
    }

    static StoredItem stored(Item item) {
        return new StoredItem(
                item.getCategoryId(), toArray(item.getEmbedding()), item.getPopularity());
    }

    @Override
    public String modelVersion() {
        return info.getModelVersion();
    }

    @Override
    public int levels() {
        return info.getLevels();
    }

    @Override
    public int headDim() {
        return info.getHeadDim();
    }

    @Override
    public OrdinalModel model() {
        return model;
    }

    public ModelInfo modelInfo() {
        return ModelInfo.newBuilder(info).build();
    }

    public int itemCount() {
        return items.size();
    }

    public Optional<float[]> itemVector(String itemId) {
        StoredItem s = items.get(itemId);
        return s == null ? Optional.empty() : Optional.of(s.vector().clone());
    }

    public Optional<float[]> categoryVector(String categoryId) {
        float[] v = categoryId == null ? null : categories.get(categoryId);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    @Override
    public float[] embed(String itemId, String categoryId) {
        StoredItem s = items.get(itemId);
        if (s != null) {
            return s.vector().clone();
        }
        float[] c = categoryId == null ? null : categories.get(categoryId);
        if (c != null) {
            return c.clone();
        }
        return defaultVector.length > 0
                ? defaultVector.clone()
                : new float[info.getLevels() * info.getHeadDim()];
    }

    /**
     * This tower under another version name and creation time (a rollback republishes an earlier
     * tower as a new version, so it orders after the one it replaces): the ModelInfo and every
     * item, vectors unchanged.
     */
    public PublishedTower renamed(String version, Instant created) {
        ModelInfo renamed =
                ModelInfo.newBuilder(info).setModelVersion(version).setCreatedTime(created).build();
        return new PublishedTower(renamed, items);
    }

    /** The Item records of this version, in the order they were read. */
    public List<Item> items() {
        List<Item> out = new ArrayList<>(items.size());
        for (Map.Entry<String, StoredItem> e : items.entrySet()) {
            out.add(
                    Item.newBuilder()
                            .setItemId(e.getKey())
                            .setCategoryId(e.getValue().categoryId())
                            .setEmbedding(TrainedTower.toList(e.getValue().vector()))
                            .setModelVersion(info.getModelVersion())
                            .setUpdatedTime(info.getCreatedTime())
                            .setDeleted(false)
                            .setPopularity(e.getValue().popularity())
                            .build());
        }
        return out;
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
