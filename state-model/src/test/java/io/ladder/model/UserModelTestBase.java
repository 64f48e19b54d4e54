package io.ladder.model;

import java.time.Instant;
import java.util.Random;

/** Fixed instants, seeded synthetic item vectors and planted taste clusters for model tests. */
abstract class UserModelTestBase {
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000L;
    static final long DAY = 24 * 60 * MINUTE;
    static final double GAMMA = 5.0;
    static final double[] BASE_RATES = {0.3, 0.05, 0.02};

    static OrdinalModel ordinal(int levels) {
        double[] rates = new double[levels];
        System.arraycopy(BASE_RATES, 0, rates, 0, levels);
        return OrdinalModel.fromBaseRates(GAMMA, rates, OrdinalModel.Loss.NESTED);
    }

    static UserModel model(UserModelConfig config) {
        return new UserModel(config, ordinal(config.levels()));
    }

    /** T unit heads of dimension h with random directions. */
    static float[] randomHeads(Random random, int levels, int headDim) {
        float[] v = new float[levels * headDim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        UserHeadStep.normalizeHeads(v, levels, headDim);
        return v;
    }

    /**
     * An item of a planted taste: the centre plus Gaussian noise of total norm about {@code spread}
     * per head, re-normalised, so items of one taste have cosine about 1/(1+spread^2).
     */
    static float[] near(float[] center, double spread, Random random, int levels, int headDim) {
        float[] v = new float[center.length];
        double sigma = spread / Math.sqrt(headDim);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (center[i] + sigma * random.nextGaussian());
        }
        UserHeadStep.normalizeHeads(v, levels, headDim);
        return v;
    }

    /** Mostly clicks, some carts, few purchases, like real engagement streams. */
    static int typicalLevel(Random random) {
        double x = random.nextDouble();
        return x < 0.75
                ? UserModelConfig.CLICK
                : x < 0.92 ? UserModelConfig.CART : UserModelConfig.PURCHASE;
    }

    static double mean(float[] a, float[] b, int levels) {
        return UserHeadStep.dot(a, b) / levels;
    }

    /** P(k >= j) for j = 1..T of one interest's vector and an item. */
    static double[] cumulative(OrdinalModel ordinal, float[] user, float[] item, int headDim) {
        int levels = ordinal.levels();
        double[] cos = new double[levels];
        double[] z = new double[levels];
        UserHeadStep.cosines(user, item, levels, headDim, cos);
        ordinal.logits(cos, z);
        double[] p = new double[levels];
        for (int j = 0; j < levels; j++) {
            p[j] = OrdinalModel.sigmoid(z[j]);
        }
        return p;
    }
}
