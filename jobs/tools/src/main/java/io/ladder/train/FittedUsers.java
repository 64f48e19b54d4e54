package io.ladder.train;

import java.util.SplittableRandom;

/**
 * Scores any tower on a run's held-out pairs the same way. Users are not published, so each tower
 * gets user vectors fitted to its own item vectors: a user starts at the per-level normalised sum
 * of its training items' vectors and then {@link #EPOCHS} epochs of Adam on the window's training
 * pairs move the user rows only (item vectors frozen, as published, no id dropout). The fit uses
 * fixed settings, not the run's: a run with an absurd learning rate must not also blunt the gate.
 * Then per held-out pair the fitted user meets the tower's vector for the item (its own, else its
 * category's, else the default), exactly as the tower serves it.
 */
final class FittedUsers {
    static final int EPOCHS = 3;
    static final double LEARNING_RATE = 0.02;
    static final int BATCH = 256;

    private FittedUsers() {}

    static LevelAucs score(GateSet set, ItemEmbeddings tower) {
        TrainingWindow w = set.window;
        int levels = tower.levels();
        int dim = tower.headDim();
        int width = levels * dim;
        int[] noCategory = new int[w.items.size()];
        java.util.Arrays.fill(noCategory, -1);
        Tower fit = new Tower(levels, dim, w.users.size(), noCategory, 0);
        for (int i = 0; i < w.items.size(); i++) {
            String id = w.items.name(i);
            float[] v = vector(tower, id, w.windowItemCategory.get(id), width);
            System.arraycopy(v, 0, fit.items.values, i * width, width);
        }
        profileUsers(fit, w);
        Objective objective = levels == 1 ? Objective.BINARY : Objective.GNOLR;
        ExampleSampler examples =
                new ExampleSampler(
                        w,
                        objective,
                        set.negatives,
                        0,
                        new PopularitySampler(w.itemTrainCount, set.popularityExponent),
                        set.seed);
        BatchTrainer trainer =
                new BatchTrainer(tower.model(), dim, LEARNING_RATE, BATCH, fit, null, 1)
                        .freezeItems();
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            trainer.epoch(examples.epoch(epoch), null);
        }
        HeldOutSet h = set.heldOut;
        double[] logits = new double[h.size() * levels];
        double[] u = new double[width];
        double[] v = new double[width];
        double[] cos = new double[levels];
        double[] z = new double[levels];
        for (int p = 0; p < h.size(); p++) {
            float[] user = fit.userEmbedding(h.user[p]);
            float[] item = vector(tower, h.itemId[p], w.windowItemCategory.get(h.itemId[p]), width);
            for (int k = 0; k < width; k++) {
                u[k] = user[k];
                v[k] = item[k];
            }
            Heads.cosines(u, v, levels, dim, cos);
            tower.model().logits(cos, z);
            System.arraycopy(z, 0, logits, p * levels, levels);
        }
        return LevelAucs.of(h.label, logits, levels);
    }

    /** Each user row: the normalised sum of its training items' vectors (random if none). */
    private static void profileUsers(Tower fit, TrainingWindow w) {
        fit.users.initGaussian(new SplittableRandom(0x6A7E), 1.0 / Math.sqrt(fit.dim));
        double[] sum = new double[fit.width];
        double[] raw = new double[fit.width];
        int p = 0;
        while (p < w.trainPairs()) {
            int user = w.trainUser[p];
            java.util.Arrays.fill(sum, 0);
            for (; p < w.trainPairs() && w.trainUser[p] == user; p++) {
                fit.itemRaw(w.trainItem[p], raw);
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += raw[k];
                }
            }
            float[] unit = Heads.toEmbedding(sum, fit.levels, fit.dim);
            System.arraycopy(unit, 0, fit.users.values, user * fit.width, fit.width);
        }
    }

    private static float[] vector(ItemEmbeddings tower, String item, String category, int width) {
        float[] v = tower.embed(item, category);
        if (v.length != width) {
            throw new IllegalStateException(
                    "tower "
                            + tower.modelVersion()
                            + " gave item "
                            + item
                            + " a vector of "
                            + v.length
                            + " floats, expected "
                            + width);
        }
        return v;
    }
}
