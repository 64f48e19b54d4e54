package io.ladder.train;

/**
 * Initialises a tower from the previous published version where ids carry over, so a retrain starts
 * near where the last one ended instead of from noise. A carried category's row is set to its
 * published heads; a carried item's id row to its published vector minus its category row, so its
 * input {@code e_item + e_category} is exactly the published vector (heads are normalised per
 * level, so the item starts with the previous vector). Users are not published: a user's row starts
 * as the per-level sum of the previous vectors of the items the user engaged with in the training
 * part, the direction the loss pulls it to. Everything else keeps its seeded random start. A
 * previous tower of another shape (levels, head dimension) is not used.
 */
public final class WarmStart {
    /** Cold start: nothing carried. */
    public static final WarmStart NONE = new WarmStart(null);

    private final PublishedTower previous;

    private WarmStart(PublishedTower previous) {
        this.previous = previous;
    }

    public static WarmStart from(PublishedTower previous) {
        return previous == null ? NONE : new WarmStart(previous);
    }

    /**
     * What a warm start carried over.
     *
     * @param fromVersion the previous version, null for a cold start
     * @param items item rows started from the previous vectors
     * @param newItems item rows started at random (ids the previous version did not have)
     * @param categories category rows started from the previous heads
     * @param users user rows started from their items' previous vectors
     * @param skipped why the previous version was not used, null if it was (or there was none)
     */
    public record Stats(
            String fromVersion,
            int items,
            int newItems,
            int categories,
            int users,
            String skipped) {
        public static final Stats COLD = new Stats(null, 0, 0, 0, 0, null);

        public boolean warm() {
            return fromVersion != null && skipped == null;
        }
    }

    Stats apply(Tower tower, TrainingWindow w) {
        if (previous == null) {
            return new Stats(null, 0, w.items.size(), 0, 0, null);
        }
        if (previous.levels() != tower.levels || previous.headDim() != tower.dim) {
            return new Stats(
                    previous.modelVersion(),
                    0,
                    w.items.size(),
                    0,
                    0,
                    "previous shape "
                            + previous.levels()
                            + "x"
                            + previous.headDim()
                            + " differs from "
                            + tower.levels
                            + "x"
                            + tower.dim);
        }
        int width = tower.width;
        int categories = 0;
        for (int c = 0; c < w.categories.size(); c++) {
            var heads = previous.categoryVector(w.categories.name(c));
            if (heads.isPresent()) {
                copy(heads.get(), tower.categories.values, c * width);
                categories++;
            }
        }
        int items = 0;
        boolean[] carried = new boolean[w.items.size()];
        for (int i = 0; i < w.items.size(); i++) {
            var v = previous.itemVector(w.items.name(i));
            if (v.isEmpty()) {
                continue;
            }
            int c = tower.itemCategory[i];
            for (int k = 0; k < width; k++) {
                float category = c >= 0 ? tower.categories.values[c * width + k] : 0f;
                tower.items.values[i * width + k] = v.get()[k] - category;
            }
            carried[i] = true;
            items++;
        }
        return new Stats(
                previous.modelVersion(),
                items,
                w.items.size() - items,
                categories,
                warmUsers(tower, w, carried),
                null);
    }

    /** Sets each user's row to the sum of its carried training items' inputs; returns how many. */
    private static int warmUsers(Tower tower, TrainingWindow w, boolean[] carried) {
        int width = tower.width;
        double[] raw = new double[width];
        double[] sum = new double[width];
        int users = 0;
        int p = 0;
        while (p < w.trainPairs()) {
            int u = w.trainUser[p];
            java.util.Arrays.fill(sum, 0);
            boolean any = false;
            for (; p < w.trainPairs() && w.trainUser[p] == u; p++) {
                int i = w.trainItem[p];
                if (carried[i]) {
                    tower.itemRaw(i, raw);
                    for (int k = 0; k < width; k++) {
                        sum[k] += raw[k];
                    }
                    any = true;
                }
            }
            if (any) {
                float[] unit = Heads.toEmbedding(sum, tower.levels, tower.dim);
                System.arraycopy(unit, 0, tower.users.values, u * width, width);
                users++;
            }
        }
        return users;
    }

    private static void copy(float[] from, float[] to, int offset) {
        System.arraycopy(from, 0, to, offset, from.length);
    }
}
