package io.ladder.train;

import io.ladder.model.OrdinalModel;
import io.ladder.schemas.CategoryHeads;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.AvroTrust;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trained item tower: every vector is the concatenation of the per-level L2-normalised heads
 * ({@code levels x headDim} floats, norm sqrt(levels)). Immutable; vectors are returned as copies.
 */
public final class TrainedTower implements ItemEmbeddings {
    static {
        // ModelInfo's builder deep-copies CategoryHeads through Avro's class check.
        AvroTrust.ensureRegistered();
    }

    private final TrainConfig config;
    private final String modelVersion;
    private final OrdinalModel model;
    private final Map<String, float[]> itemVectors = new LinkedHashMap<>();
    private final Map<String, float[]> categoryVectors = new LinkedHashMap<>();
    private final Map<String, float[]> userVectors = new HashMap<>();
    private final float[] defaultVector;

    /** Every item of the window with its category (null when unknown). */
    private final Map<String, String> windowItemCategory;

    private final Map<String, Long> windowItemCount;
    private final TrainReport report;
    private final Instant createdTime;
    private final ModelInfo modelInfo;
    private final WarmStart.Stats warmStart;
    private final GateSet gateSet;

    TrainedTower(
            TrainConfig config,
            String modelVersion,
            OrdinalModel model,
            Tower tower,
            TrainingWindow window,
            TrainReport report,
            Instant createdTime,
            WarmStart.Stats warmStart,
            GateSet gateSet) {
        this.config = config;
        this.warmStart = warmStart;
        this.gateSet = gateSet;
        this.modelVersion = modelVersion;
        this.model = model;
        this.report = report;
        this.createdTime = createdTime;
        for (int i = 0; i < window.items.size(); i++) {
            itemVectors.put(window.items.name(i), tower.itemEmbedding(i));
        }
        for (int c = 0; c < window.categories.size(); c++) {
            categoryVectors.put(window.categories.name(c), tower.categoryEmbedding(c));
        }
        for (int u = 0; u < window.users.size(); u++) {
            userVectors.put(window.users.name(u), tower.userEmbedding(u));
        }
        this.defaultVector = tower.defaultEmbedding();
        this.windowItemCategory = Collections.unmodifiableMap(window.windowItemCategory);
        this.windowItemCount = Map.copyOf(window.windowItemCount);
        this.modelInfo = buildModelInfo();
    }

    private TrainedTower(TrainedTower other, TrainReport report, GateSet gateSet) {
        this.config = other.config;
        this.warmStart = other.warmStart;
        this.gateSet = gateSet;
        this.modelVersion = other.modelVersion;
        this.model = other.model;
        this.itemVectors.putAll(other.itemVectors);
        this.categoryVectors.putAll(other.categoryVectors);
        this.userVectors.putAll(other.userVectors);
        this.defaultVector = other.defaultVector;
        this.windowItemCategory = other.windowItemCategory;
        this.windowItemCount = other.windowItemCount;
        this.report = report;
        this.createdTime = other.createdTime;
        this.modelInfo = other.modelInfo;
    }

    /**
     * This tower with the validated run's report and held-out pairs (a refit has no held-out part
     * of its own: its report and quality gate use the run that chose its epoch count).
     */
    TrainedTower withValidation(TrainReport replacement, GateSet validated) {
        return new TrainedTower(this, replacement, validated);
    }

    /** What the run carried over from the previous version. */
    public WarmStart.Stats warmStart() {
        return warmStart;
    }

    /** The held-out pairs the quality gate scores towers on. */
    GateSet gateSet() {
        return gateSet;
    }

    @Override
    public String modelVersion() {
        return modelVersion;
    }

    public Objective objective() {
        return config.objective();
    }

    public TrainConfig config() {
        return config;
    }

    /** The ordinal link the tower was trained with (levels, gamma, cutpoints, loss). */
    @Override
    public OrdinalModel model() {
        return model;
    }

    @Override
    public int levels() {
        return model.levels();
    }

    @Override
    public int headDim() {
        return config.headDim();
    }

    /** Heads of an item the tower trained an id embedding for; empty otherwise. */
    public Optional<float[]> itemVector(String itemId) {
        return Optional.ofNullable(itemVectors.get(itemId)).map(float[]::clone);
    }

    /** Heads of a category (what an untrained item of it gets); empty for an unknown category. */
    public Optional<float[]> categoryVector(String categoryId) {
        return Optional.ofNullable(categoryId == null ? null : categoryVectors.get(categoryId))
                .map(float[]::clone);
    }

    /** Heads for an item whose category is unknown too: the normalised mean item. */
    public float[] defaultVector() {
        return defaultVector.clone();
    }

    /**
     * The inductive item vector, never null: the trained item's heads, else its category's, else
     * {@link #defaultVector()}. This is what {@link #items()} and the catalogue publish.
     */
    @Override
    public float[] embed(String itemId, String categoryId) {
        float[] v = itemVectors.get(itemId);
        if (v == null && categoryId != null) {
            v = categoryVectors.get(categoryId);
        }
        return (v == null ? defaultVector : v).clone();
    }

    /** Trained heads of a user of the training part (not published; for evaluation). */
    public Optional<float[]> userVector(String userId) {
        return Optional.ofNullable(userVectors.get(userId)).map(float[]::clone);
    }

    /** Ids of the items with trained id embeddings, in order of first appearance. */
    public List<String> trainedItemIds() {
        return List.copyOf(itemVectors.keySet());
    }

    /** Ids of the categories with trained heads. */
    public List<String> categoryIds() {
        return List.copyOf(categoryVectors.keySet());
    }

    public ModelInfo modelInfo() {
        return ModelInfo.newBuilder(modelInfo).build();
    }

    public TrainReport report() {
        return report;
    }

    /**
     * One {@code Item} record per item of the events window (trained or seen only in the held-out
     * part), in order of first appearance; popularity = engagement events of the item in the
     * window.
     */
    public List<Item> items() {
        List<Item> out = new ArrayList<>(windowItemCategory.size());
        for (Map.Entry<String, String> e : windowItemCategory.entrySet()) {
            out.add(item(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** The record published for {@code itemId} (a window item, or a catalogue item). */
    public Item item(String itemId, String categoryId) {
        String category = categoryId != null ? categoryId : windowItemCategory.get(itemId);
        return Item.newBuilder()
                .setItemId(itemId)
                .setCategoryId(category)
                .setEmbedding(toList(embed(itemId, category)))
                .setModelVersion(modelVersion)
                .setUpdatedTime(createdTime)
                .setDeleted(false)
                .setPopularity(windowItemCount.getOrDefault(itemId, 0L).floatValue())
                .build();
    }

    /** Whether {@code itemId} is an item of the events window (trained or held-out). */
    public boolean inWindow(String itemId) {
        return windowItemCategory.containsKey(itemId);
    }

    private ModelInfo buildModelInfo() {
        List<CategoryHeads> heads = new ArrayList<>(categoryVectors.size());
        for (Map.Entry<String, float[]> e : categoryVectors.entrySet()) {
            heads.add(
                    CategoryHeads.newBuilder()
                            .setCategoryId(e.getKey())
                            .setEmbedding(toList(e.getValue()))
                            .build());
        }
        return ModelInfo.newBuilder()
                .setModelVersion(modelVersion)
                .setObjective(config.objective().cliName())
                .setLevels(model.levels())
                .setHeadDim(config.headDim())
                .setGamma((float) model.gamma())
                .setCutpoints(toList(model.cutpoints()))
                .setBaseRates(toList(report.baseRates()))
                .setCategoryHeads(heads)
                .setDefaultEmbedding(toList(defaultVector))
                .setCreatedTime(createdTime)
                .build();
    }

    static List<Float> toList(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float f : v) {
            out.add(f);
        }
        return out;
    }

    static List<Float> toList(double[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add((float) d);
        }
        return out;
    }
}
