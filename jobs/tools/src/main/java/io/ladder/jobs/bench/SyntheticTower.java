package io.ladder.jobs.bench;

import io.ladder.jobs.config.RawOptions;
import io.ladder.schemas.CategoryHeads;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.train.ItemPublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Publishes a seeded random item tower to the items topic, so the pipeline benchmark needs no
 * training run: one {@code ModelInfo} (3 levels, random unit category heads) and {@code --items}
 * items, item k in category {@code k % categories}, its heads the category's plus Gaussian noise,
 * normalised per level, popularity its Zipf weight. Ids match {@link TrafficGenerator}'s.
 *
 * <pre>
 * SyntheticTower --bootstrap H:P --topic T [--items 100000] [--categories 1000] [--head-dim 32]
 *                [--zipf 1.0] [--seed 7] [--version bench-7]
 * </pre>
 */
public final class SyntheticTower {
    static final int LEVELS = 3;

    private SyntheticTower() {}

    public static void main(String[] args) {
        RawOptions o = RawOptions.parse(args);
        String bootstrap = o.string("bootstrap", "127.0.0.1:9092");
        String topic = o.string("topic", "ladder.events");
        int items = (int) o.number("items", 100_000);
        int categories = (int) o.number("categories", 1_000);
        int headDim = (int) o.number("head-dim", 32);
        double exponent = o.decimal("zipf", 1.0);
        long seed = o.number("seed", 7);
        String version = o.string("version", "bench-" + seed);
        o.refuseUnused(null);

        SplittableRandom random = new SplittableRandom(seed);
        Instant now = Instant.now();
        List<float[]> heads = new ArrayList<>();
        List<CategoryHeads> categoryHeads = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            float[] v = noisy(new float[LEVELS * headDim], 1.0, headDim, random);
            heads.add(v);
            categoryHeads.add(new CategoryHeads(TrafficGenerator.categoryId(c), toList(v)));
        }
        ModelInfo info =
                ModelInfo.newBuilder()
                        .setModelVersion(version)
                        .setLevels(LEVELS)
                        .setHeadDim(headDim)
                        .setGamma(4f)
                        .setCutpoints(List.of(0.5f, 2.5f, 3.5f))
                        .setBaseRates(List.of(0.38f, 0.08f, 0.03f))
                        .setCategoryHeads(categoryHeads)
                        .setCreatedTime(now)
                        .build();
        Zipf zipf = new Zipf(items, exponent);
        long start = System.nanoTime();
        try (ItemPublisher publisher = ItemPublisher.connect(bootstrap, topic)) {
            publisher.publishModelInfo(info, items);
            for (int k = 0; k < items; k++) {
                int c = k % categories;
                float[] v = noisy(heads.get(c).clone(), 0.3, headDim, random);
                publisher.publishItem(
                        Item.newBuilder()
                                .setItemId(TrafficGenerator.itemId(k))
                                .setCategoryId(TrafficGenerator.categoryId(c))
                                .setEmbedding(toList(v))
                                .setModelVersion(version)
                                .setUpdatedTime(now)
                                .setPopularity((float) (zipf.probability(k) * items))
                                .build());
            }
            long sent = publisher.finish();
            System.out.printf(
                    "published tower %s: %d records (%d items, %d categories, %dx%d) in %.1f s%n",
                    version,
                    sent,
                    items,
                    categories,
                    LEVELS,
                    headDim,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** Adds N(0, sigma) noise to every component, then L2-normalises each level's head. */
    static float[] noisy(float[] v, double sigma, int headDim, SplittableRandom random) {
        for (int t = 0; t < LEVELS; t++) {
            double norm = 0;
            for (int d = 0; d < headDim; d++) {
                int i = t * headDim + d;
                v[i] += (float) (sigma * gaussian(random));
                norm += v[i] * v[i];
            }
            float inv = (float) (1.0 / Math.sqrt(Math.max(norm, 1e-12)));
            for (int d = 0; d < headDim; d++) {
                v[t * headDim + d] *= inv;
            }
        }
        return v;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static List<Float> toList(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float f : v) {
            out.add(f);
        }
        return out;
    }
}
