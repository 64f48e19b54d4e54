package io.ladder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OrdinalModelTest {
    private static final double[] BASE_RATES = {0.3, 0.05, 0.02};

    @Test
    void zeroScorePredictsTheBaseRates() {
        OrdinalModel model = OrdinalModel.fromBaseRates(5, BASE_RATES, OrdinalModel.Loss.NESTED);
        double[] z = new double[3];
        model.logits(new double[3], z);
        for (int j = 0; j < 3; j++) {
            assertThat(OrdinalModel.sigmoid(z[j])).isCloseTo(BASE_RATES[j], within(1e-12));
        }
    }

    @Test
    void lossGradientMatchesFiniteDifferencesForEveryLabelAndLoss() {
        Random random = new Random(7);
        for (OrdinalModel.Loss kind : OrdinalModel.Loss.values()) {
            OrdinalModel model = OrdinalModel.fromBaseRates(4, BASE_RATES, kind);
            for (int trial = 0; trial < 50; trial++) {
                double[] z = new double[3];
                double[] cos = {
                    random.nextGaussian() * 0.5,
                    random.nextGaussian() * 0.5,
                    random.nextGaussian() * 0.5
                };
                model.logits(cos, z);
                if (crossed(z)) {
                    continue; // the guard's surrogate gradient, checked below
                }
                for (int label = 0; label <= 3; label++) {
                    double[] dz = new double[3];
                    double value = model.lossGradient(z, label, dz);
                    assertThat(value).isCloseTo(model.loss(z, label), within(1e-9));
                    for (int j = 0; j < 3; j++) {
                        double h = 1e-6;
                        double[] plus = z.clone();
                        double[] minus = z.clone();
                        plus[j] += h;
                        minus[j] -= h;
                        double numeric =
                                (model.loss(plus, label) - model.loss(minus, label)) / (2 * h);
                        assertThat(dz[j])
                                .as("%s label %d dz_%d", kind, label, j + 1)
                                .isCloseTo(numeric, within(1e-4 * (1 + Math.abs(numeric))));
                    }
                }
            }
        }
    }

    @Test
    void whereProbabilitiesCrossTheGuardStillPushesThemApart() {
        OrdinalModel model = OrdinalModel.fromBaseRates(20, BASE_RATES, OrdinalModel.Loss.NESTED);
        double[] z = new double[3];
        model.logits(new double[] {-1, 1, 1}, z);
        double[] dz = new double[3];
        model.lossGradient(z, 1, dz);
        assertThat(dz[0]).isNegative(); // raise z_1 ...
        assertThat(dz[1]).isPositive(); // ... and lower z_2 until P(1) is positive again
    }

    private static boolean crossed(double[] z) {
        for (int j = 0; j + 1 < z.length; j++) {
            if (OrdinalModel.sigmoid(z[j]) - OrdinalModel.sigmoid(z[j + 1])
                    < 100 * OrdinalModel.PROBABILITY_FLOOR) {
                return true;
            }
        }
        return false;
    }

    @Test
    void classProbabilitiesStayValidWhenCumulativeProbabilitiesCross() {
        OrdinalModel model = OrdinalModel.fromBaseRates(20, BASE_RATES, OrdinalModel.Loss.NESTED);
        double[] z = new double[3];
        model.logits(new double[] {-1, 1, 1}, z); // gamma * c_2 far above a_2 - a_1
        double[] p = model.classProbabilities(z);
        double sum = 0;
        for (double x : p) {
            assertThat(x).isPositive();
            sum += x;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
        assertThat(Double.isFinite(model.loss(z, 1))).isTrue();
    }
}
