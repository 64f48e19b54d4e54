package io.ladder.jobs.catalog;

import io.ladder.model.OrdinalModel;
import io.ladder.schemas.CategoryHeads;
import io.ladder.schemas.ModelInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * A decoded item-tower version: its ordinal link, and the heads of its categories for items the
 * tower never saw. Built once per version per subtask and cached.
 */
public final class ModelContext {
    private final String version;
    private final int levels;
    private final int headDim;
    private final OrdinalModel ordinal;
    private final Map<String, float[]> categoryHeads;
    private final float[] defaultVector;
    private final long createdMillis;

    private ModelContext(ModelInfo info) {
        this.version = info.getModelVersion();
        this.createdMillis = info.getCreatedTime().toEpochMilli();
        this.levels = info.getLevels();
        this.headDim = info.getHeadDim();
        double[] cutpoints = new double[info.getCutpoints().size()];
        for (int i = 0; i < cutpoints.length; i++) {
            cutpoints[i] = info.getCutpoints().get(i);
        }
        OrdinalModel.Loss loss =
                "no-nesting".equals(info.getObjective())
                        ? OrdinalModel.Loss.SINGLE
                        : OrdinalModel.Loss.NESTED;
        this.ordinal = new OrdinalModel(levels, info.getGamma(), cutpoints, loss);
        this.categoryHeads = new HashMap<>();
        for (CategoryHeads heads : info.getCategoryHeads()) {
            categoryHeads.put(heads.getCategoryId(), toArray(heads.getEmbedding()));
        }
        this.defaultVector =
                info.getDefaultEmbedding().isEmpty() ? null : toArray(info.getDefaultEmbedding());
    }

    public static ModelContext of(ModelInfo info) {
        return new ModelContext(info);
    }

    public String version() {
        return version;
    }

    /** When the version was published (its ModelInfo's {@code created_time}), epoch ms. */
    public long createdMillis() {
        return createdMillis;
    }

    public int levels() {
        return levels;
    }

    public int headDim() {
        return headDim;
    }

    public int dimension() {
        return levels * headDim;
    }

    public OrdinalModel ordinal() {
        return ordinal;
    }

    /**
     * The vector an item gets under this version: its own if it was trained under this version (the
     * entry's newest vector, or the one it kept from the version before), else its category's
     * heads, else the default (mean item) heads, else null.
     */
    public float[] vectorFor(CatalogEntry entry, String categoryHint) {
        if (entry != null
                && entry.vector != null
                && version.equals(entry.modelVersion)
                && entry.vector.length == dimension()) {
            return entry.vector;
        }
        if (entry != null
                && entry.previousVector != null
                && version.equals(entry.previousVersion)
                && entry.previousVector.length == dimension()) {
            return entry.previousVector;
        }
        String category =
                entry != null && entry.categoryId != null ? entry.categoryId : categoryHint;
        float[] heads = category == null ? null : categoryHeads.get(category);
        return heads != null ? heads : defaultVector;
    }

    private static float[] toArray(java.util.List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
