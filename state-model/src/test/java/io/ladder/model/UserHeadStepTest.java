package io.ladder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UserHeadStepTest extends UserModelTestBase {
    private static final int H = 8;
    private static final int T = 3;
    // A small scale keeps random triples away from crossing cumulative probabilities, where the
    // floor guard's surrogate gradient (tested in OrdinalModelTest) is not the loss's derivative.
    private static final OrdinalModel MODEL =
            OrdinalModel.fromBaseRates(2.0, BASE_RATES, OrdinalModel.Loss.NESTED);
    private static final double EPS = 1e-3;

    @Test
    void gradientMatchesFiniteDifferencesOfTheLossInEveryUserHeadComponent() {
        Random random = new Random(11);
        int checked = 0;
        for (int trial = 0; trial < 40; trial++) {
            float[] u = randomHeads(random, T, H);
            float[] v = randomHeads(random, T, H);
            if (crossed(u, v)) {
                continue;
            }
            for (int label = 0; label <= T; label++) {
                int l = label;
                double[] grad = new double[T * H];
                double value = UserHeadStep.gradient(MODEL, u, v, H, label, grad);
                assertThat(value).isCloseTo(UserHeadStep.loss(MODEL, u, v, H, label), within(1e-9));
                for (int i = 0; i < u.length; i++) {
                    double numeric =
                            centralDifference(x -> UserHeadStep.loss(MODEL, x, v, H, l), u, i);
                    assertThat(grad[i])
                            .as("label %d component %d", label, i)
                            .isCloseTo(numeric, within(2e-3 * (1 + Math.abs(numeric))));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void projectedGradientIsTheGradientOfTheLossAtRenormalisedHeads() {
        Random random = new Random(12);
        int checked = 0;
        for (int trial = 0; trial < 40; trial++) {
            float[] u = randomHeads(random, T, H);
            float[] v = randomHeads(random, T, H);
            if (crossed(u, v)) {
                continue;
            }
            for (int label = 0; label <= T; label++) {
                int l = label;
                double[] grad = new double[T * H];
                UserHeadStep.projectedGradient(MODEL, u, v, H, label, grad);
                for (int i = 0; i < u.length; i++) {
                    double numeric =
                            centralDifference(
                                    x -> {
                                        UserHeadStep.normalizeHeads(x, T, H);
                                        return UserHeadStep.loss(MODEL, x, v, H, l);
                                    },
                                    u,
                                    i);
                    assertThat(grad[i])
                            .as("label %d component %d", label, i)
                            .isCloseTo(numeric, within(2e-3 * (1 + Math.abs(numeric))));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void oneSmallStepLowersTheLossAndKeepsHeadsOnTheSphere() {
        Random random = new Random(13);
        int checked = 0;
        for (int trial = 0; trial < 50; trial++) {
            float[] u = randomHeads(random, T, H);
            float[] v = randomHeads(random, T, H);
            if (crossed(u, v)) {
                continue; // the floored loss is flat there; OrdinalModelTest covers the guard
            }
            int label = trial % (T + 1);
            checked++;
            double before = UserHeadStep.loss(MODEL, u, v, H, label);
            UserHeadStep.step(MODEL, u, v, H, label, 0.01);
            assertThat(UserHeadStep.loss(MODEL, u, v, H, label)).isLessThan(before);
            for (int t = 0; t < T; t++) {
                double sq = 0;
                for (int i = t * H; i < (t + 1) * H; i++) {
                    sq += u[i] * u[i];
                }
                assertThat(sq).isCloseTo(1.0, within(1e-5));
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    private interface Loss {
        double of(float[] u);
    }

    private static double centralDifference(Loss loss, float[] u, int i) {
        float[] plus = u.clone();
        float[] minus = u.clone();
        plus[i] += (float) EPS;
        minus[i] -= (float) EPS;
        // Divide by the perturbation float arithmetic actually made, not the nominal one (read
        // before the loss, which may re-normalise its argument in place).
        double delta = (double) plus[i] - minus[i];
        return (loss.of(plus) - loss.of(minus)) / delta;
    }

    private static boolean crossed(float[] u, float[] v) {
        double[] p = cumulative(MODEL, u, v, H);
        for (int j = 0; j + 1 < p.length; j++) {
            if (p[j] - p[j + 1] < 1e-3) {
                return true;
            }
        }
        return false;
    }
}
