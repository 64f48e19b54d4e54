package io.ladder.jobs.catalog;

import java.util.Arrays;

/**
 * An item's strongest co-engaged neighbours, strongest first, with their co-engagement counts: what
 * the item-keyed counting broadcasts to every retrieval subtask. A POJO: it lives in broadcast
 * state and travels in {@code CatalogRecord}s.
 */
public class ItemNeighbours {
    public String[] ids;
    public float[] weights;

    public ItemNeighbours() {}

    public ItemNeighbours(String[] ids, float[] weights) {
        if (ids.length != weights.length) {
            throw new IllegalArgumentException("one weight per neighbour");
        }
        this.ids = ids;
        this.weights = weights;
    }

    public int size() {
        return ids == null ? 0 : ids.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemNeighbours n
                && Arrays.equals(ids, n.ids)
                && Arrays.equals(weights, n.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "ItemNeighbours" + Arrays.toString(ids);
    }
}
