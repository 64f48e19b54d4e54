package io.ladder.train;

import io.ladder.model.OrdinalModel;

/**
 * An item tower as the quality gate scores it: the vector every item gets and the ordinal link.
 * Both a freshly trained tower and a published one read back from the items topic are one.
 */
public interface ItemEmbeddings {
    String modelVersion();

    int levels();

    int headDim();

    OrdinalModel model();

    /** The item's vector, never null: its own, else its category's, else the default heads. */
    float[] embed(String itemId, String categoryId);
}
