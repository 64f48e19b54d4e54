package io.ladder.model.bench;

import io.ladder.model.OrdinalModel;
import io.ladder.model.UserModel;
import io.ladder.model.UserModelConfig;
import io.ladder.model.UserState;
import java.util.SplittableRandom;

/**
 * Seeded synthetic event streams for the benchmarks: items drawn around a few planted tastes, ids
 * shaped like the Taobao ones (seven digits), mostly clicks with some carts and purchases.
 */
public final class SyntheticUsers {
    /** Scale and base rates in the range the item tower is trained with. */
    public static final double GAMMA = 5.0;

    public static final double[] BASE_RATES = {0.3, 0.05, 0.02};

    public final String[] ids;
    public final float[][] vectors;
    public final int[] levels;

    /** {@code items} distinct items (a power of two) around {@code tastes} tastes. */
    public SyntheticUsers(UserModelConfig config, int items, int tastes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int t = config.levels();
        int h = config.headDim();
        float[][] centres = new float[tastes][];
        for (int c = 0; c < tastes; c++) {
            centres[c] = unitHeads(gaussian(random, t * h, 1.0, null), t, h);
        }
        ids = new String[items];
        vectors = new float[items][];
        levels = new int[items];
        for (int i = 0; i < items; i++) {
            ids[i] = Integer.toString(1_000_000 + i * 7919 % 9_000_000);
            vectors[i] =
                    unitHeads(
                            gaussian(random, t * h, 0.6 / Math.sqrt(h), centres[i % tastes]), t, h);
            double x = random.nextDouble();
            levels[i] =
                    x < 0.75
                            ? UserModelConfig.CLICK
                            : x < 0.92 ? UserModelConfig.CART : UserModelConfig.PURCHASE;
        }
    }

    public static UserModel model(UserModelConfig config) {
        double[] rates = new double[config.levels()];
        System.arraycopy(BASE_RATES, 0, rates, 0, rates.length);
        return new UserModel(
                config, OrdinalModel.fromBaseRates(GAMMA, rates, OrdinalModel.Loss.NESTED));
    }

    /**
     * A user at the default bounds: {@code events} events over this stream (purchases forced every
     * fourth event so the purchased list fills too).
     */
    public UserState user(UserModel model, int events, long startMillis) {
        UserState s = model.newState();
        model.refold(s, id -> null, "tower-v1");
        for (int e = 0; e < events; e++) {
            int k = e % ids.length;
            int level = e % 4 == 0 ? UserModelConfig.PURCHASE : levels[k];
            model.update(s, level, ids[k], vectors[k], startMillis + e * 60_000L);
        }
        return s;
    }

    private static float[] gaussian(SplittableRandom random, int n, double sigma, float[] mean) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
            double g =
                    Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                            * Math.cos(2 * Math.PI * random.nextDouble());
            v[i] = (float) ((mean == null ? 0 : mean[i]) + sigma * g);
        }
        return v;
    }

    private static float[] unitHeads(float[] v, int levels, int headDim) {
        for (int t = 0; t < levels; t++) {
            double sq = 0;
            for (int i = t * headDim; i < (t + 1) * headDim; i++) {
                sq += (double) v[i] * v[i];
            }
            double inv = 1 / Math.sqrt(sq);
            for (int i = t * headDim; i < (t + 1) * headDim; i++) {
                v[i] = (float) (v[i] * inv);
            }
        }
        return v;
    }
}
