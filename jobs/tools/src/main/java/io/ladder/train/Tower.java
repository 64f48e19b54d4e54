package io.ladder.train;

import java.util.random.RandomGenerator;

/**
 * The trainable parameters: free user rows, item-id rows and category rows, each {@code levels x
 * dim} raw floats, and the item-to-category map. Item heads are {@code normalize(e_item +
 * e_category)} per level; a category's heads (what an unseen item of the category gets) are {@code
 * normalize(e_category)}.
 */
final class Tower {
    /** Item-id rows start small so that an item starts at its category and moves away with data. */
    static final double ITEM_INIT_SCALE = 0.1;

    final int levels;
    final int dim;
    final int width;
    final EmbeddingTable users;
    final EmbeddingTable items;
    final EmbeddingTable categories;
    final int[] itemCategory;

    Tower(int levels, int dim, int users, int[] itemCategory, int categories) {
        this.levels = levels;
        this.dim = dim;
        this.width = levels * dim;
        this.users = new EmbeddingTable(users, width);
        this.items = new EmbeddingTable(itemCategory.length, width);
        this.categories = new EmbeddingTable(categories, width);
        this.itemCategory = itemCategory;
    }

    /** Seeded initialisation, in a fixed order: users, categories, items. */
    void init(RandomGenerator random) {
        double unit = 1.0 / Math.sqrt(dim);
        users.initGaussian(random, unit);
        categories.initGaussian(random, unit);
        items.initGaussian(random, ITEM_INIT_SCALE * unit);
    }

    /** Raw item input (item-id row plus its category row). */
    void itemRaw(int item, double[] out) {
        int base = item * width;
        int c = itemCategory[item];
        int cbase = c * width;
        for (int k = 0; k < width; k++) {
            out[k] = items.values[base + k] + (c >= 0 ? categories.values[cbase + k] : 0.0f);
        }
    }

    void categoryRaw(int category, double[] out) {
        rowRaw(categories, category, out);
    }

    void userRaw(int user, double[] out) {
        rowRaw(users, user, out);
    }

    private void rowRaw(EmbeddingTable table, int row, double[] out) {
        int base = row * width;
        for (int k = 0; k < width; k++) {
            out[k] = table.values[base + k];
        }
    }

    float[] itemEmbedding(int item) {
        double[] raw = new double[width];
        itemRaw(item, raw);
        return Heads.toEmbedding(raw, levels, dim);
    }

    float[] categoryEmbedding(int category) {
        double[] raw = new double[width];
        categoryRaw(category, raw);
        return Heads.toEmbedding(raw, levels, dim);
    }

    float[] userEmbedding(int user) {
        double[] raw = new double[width];
        userRaw(user, raw);
        return Heads.toEmbedding(raw, levels, dim);
    }

    /**
     * Heads for an item whose category is unknown as well: per level, the normalised mean of all
     * trained items' normalised heads ("the mean item"); deterministic (fixed summation order).
     */
    float[] defaultEmbedding() {
        double[] sum = new double[width];
        double[] raw = new double[width];
        double[] unit = new double[width];
        double[] norms = new double[levels];
        for (int i = 0; i < itemCategory.length; i++) {
            itemRaw(i, raw);
            Heads.normalize(raw, levels, dim, unit, norms);
            for (int k = 0; k < width; k++) {
                sum[k] += unit[k];
            }
        }
        return Heads.toEmbedding(sum, levels, dim);
    }

    float[][] snapshot() {
        return new float[][] {users.snapshot(), items.snapshot(), categories.snapshot()};
    }

    void restore(float[][] snapshot) {
        users.restore(snapshot[0]);
        items.restore(snapshot[1]);
        categories.restore(snapshot[2]);
    }
}
