package io.ladder.train;

import io.ladder.model.OrdinalModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The held-out pairs the tower is validated on: every held-out (user, item) pair of a user the
 * training part saw (so it has a trained user vector), labelled with the highest level reached,
 * plus {@code negatives} popularity-sampled label-0 items per positive pair. Items the training
 * part never saw are scored through their category (or the default heads), exactly as they are
 * published. The negatives depend only on the window and the seed, so every objective trained with
 * the same seed is compared on the same pairs.
 */
final class HeldOutSet {
    /** Mixed into the seed so held-out negatives differ from training negatives. */
    private static final long SALT = 0x5DEECE66DL;

    final int[] user;
    final int[] item;
    final int[] category;

    /** Item id of each pair (the quality gate scores other towers on the same pairs). */
    final String[] itemId;

    final byte[] label;
    final int usersSkipped;
    final int pairsSkipped;

    private HeldOutSet(
            int[] user,
            int[] item,
            int[] category,
            String[] itemId,
            byte[] label,
            int usersSkipped,
            int pairs) {
        this.user = user;
        this.item = item;
        this.category = category;
        this.itemId = itemId;
        this.label = label;
        this.usersSkipped = usersSkipped;
        this.pairsSkipped = pairs;
    }

    /**
     * Negatives are drawn from every item of the window (training and held-out part) with
     * probability proportional to its window engagement count^{@code exponent}, so negatives mix
     * trained and category-only items as the positives do; a user's own training and held-out items
     * are rejected.
     */
    static HeldOutSet build(TrainingWindow w, int negatives, double exponent, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ SALT);
        String[] windowItems = w.windowItemCategory.keySet().toArray(String[]::new);
        long[] counts = new long[windowItems.length];
        for (int i = 0; i < windowItems.length; i++) {
            counts[i] = w.windowItemCount.getOrDefault(windowItems[i], 0L);
        }
        PopularitySampler sampler =
                windowItems.length == 0 ? null : new PopularitySampler(counts, exponent);
        Set<String> taken = new HashSet<>();
        for (int p = 0; p < w.heldOutPairs(); p++) {
            taken.add(w.heldOutUserId[p] + '\u0000' + w.heldOutItemId[p]);
        }
        for (int p = 0; p < w.trainPairs(); p++) {
            taken.add(w.users.name(w.trainUser[p]) + '\u0000' + w.items.name(w.trainItem[p]));
        }
        List<int[]> rows = new ArrayList<>();
        List<Byte> labels = new ArrayList<>();
        List<String> itemIds = new ArrayList<>();
        Set<String> unknownUsers = new HashSet<>();
        int skipped = 0;
        for (int p = 0; p < w.heldOutPairs(); p++) {
            int u = w.users.get(w.heldOutUserId[p]);
            if (u < 0) {
                unknownUsers.add(w.heldOutUserId[p]);
                skipped++;
                continue;
            }
            rows.add(
                    new int[] {
                        u, w.items.get(w.heldOutItemId[p]), category(w, w.heldOutItemId[p])
                    });
            labels.add(w.heldOutLevel[p]);
            itemIds.add(w.heldOutItemId[p]);
            for (int n = 0; n < negatives; n++) {
                String neg =
                        windowItems[
                                sampleNegative(
                                        sampler, random, w.heldOutUserId[p], windowItems, taken)];
                rows.add(new int[] {u, w.items.get(neg), category(w, neg)});
                labels.add((byte) 0);
                itemIds.add(neg);
            }
        }
        int n = rows.size();
        int[] user = new int[n];
        int[] item = new int[n];
        int[] category = new int[n];
        byte[] label = new byte[n];
        for (int p = 0; p < n; p++) {
            user[p] = rows.get(p)[0];
            item[p] = rows.get(p)[1];
            category[p] = rows.get(p)[2];
            label[p] = labels.get(p);
        }
        return new HeldOutSet(
                user,
                item,
                category,
                itemIds.toArray(String[]::new),
                label,
                unknownUsers.size(),
                skipped);
    }

    /** Category row of an item: its training category if trained, else its window category. */
    private static int category(TrainingWindow w, String itemId) {
        int i = w.items.get(itemId);
        return i >= 0 ? w.itemCategory[i] : w.categories.get(w.windowItemCategory.get(itemId));
    }

    /** A popular item the user did not engage with (up to 16 tries; then the last draw). */
    private static int sampleNegative(
            PopularitySampler sampler,
            SplittableRandom random,
            String user,
            String[] items,
            Set<String> taken) {
        int item = sampler.sample(random);
        for (int attempt = 0; attempt < 16; attempt++) {
            if (!taken.contains(user + '\u0000' + items[item])) {
                return item;
            }
            item = sampler.sample(random);
        }
        return item;
    }

    int size() {
        return label.length;
    }

    /** Scores every pair with the tower's current parameters. */
    LevelAucs evaluate(Tower tower, OrdinalModel model) {
        int levels = tower.levels;
        float[] fallback = tower.defaultEmbedding();
        double[] logits = new double[size() * levels];
        double[] cos = new double[levels];
        double[] z = new double[levels];
        for (int p = 0; p < size(); p++) {
            float[] u = tower.userEmbedding(user[p]);
            float[] v =
                    item[p] >= 0
                            ? tower.itemEmbedding(item[p])
                            : category[p] >= 0 ? tower.categoryEmbedding(category[p]) : fallback;
            for (int t = 0; t < levels; t++) {
                double s = 0;
                for (int k = t * tower.dim; k < (t + 1) * tower.dim; k++) {
                    s += (double) u[k] * v[k];
                }
                cos[t] = s;
            }
            model.logits(cos, z);
            System.arraycopy(z, 0, logits, p * levels, levels);
        }
        return LevelAucs.of(label, logits, levels);
    }
}
