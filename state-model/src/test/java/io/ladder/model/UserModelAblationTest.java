package io.ladder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The evaluation's switches run through the same API as the full model. */
class UserModelAblationTest extends UserModelTestBase {
    private static final int H = UserModelConfig.DEFAULT_HEAD_DIM;

    @Test
    void binaryLevelsTreatEveryEngagementAsPositive() {
        UserModelConfig config = UserModelConfig.builder().levels(1).build();
        UserModel model = model(config);
        Random random = new Random(61);
        float[] taste = randomHeads(random, 1, H);
        UserState s = model.newState();
        for (int e = 0; e < 30; e++) {
            model.update(s, typicalLevel(random), "i" + e, near(taste, 0.6, random, 1, H), T0 + e);
        }
        float[] v = near(taste, 0.6, random, 1, H);
        double before = model.purchaseProbability(s, v);
        UserState clicked = s.copy();
        UserState bought = s.copy();
        model.update(clicked, UserModelConfig.CLICK, "v", v, T0 + DAY);
        model.update(bought, UserModelConfig.PURCHASE, "v", v, T0 + DAY);
        // A click and a purchase are the same positive label: identical heads, probability up.
        assertThat(model.purchaseProbability(clicked, v)).isGreaterThan(before);
        assertThat(clicked.interests().get(0).vector())
                .isEqualTo(bought.interests().get(0).vector());
        // The ladder bookkeeping is kept: only the purchase fills the purchased filter.
        assertThat(bought.hasPurchased("v")).isTrue();
        assertThat(clicked.hasPurchased("v")).isFalse();
        assertThat(model.queries(s, T0 + DAY).get(0).vector()).hasSize(H);
    }

    @Test
    void singleInterestKeepsOneInterestForTwoTastes() {
        UserModel model = model(UserModelConfig.builder().maxInterests(1).build());
        Random random = new Random(62);
        float[][] tastes = {randomHeads(random, 3, H), randomHeads(random, 3, H)};
        UserState s = model.newState();
        for (int e = 0; e < 200; e++) {
            float[] item = near(tastes[e % 2], 0.6, random, 3, H);
            model.update(s, typicalLevel(random), "i" + e, item, T0 + e * MINUTE);
        }
        assertThat(s.interests()).hasSize(1);
        assertThat(s.interests().get(0).eventCount()).isEqualTo(200);
        assertThat(model.queries(s, T0).get(0).weight()).isEqualTo(1.0);
    }

    @Test
    void movingAverageFollowsTheFeedbackWeightedMeanOfItemVectors() {
        UserModelConfig config =
                UserModelConfig.builder()
                        .updateRule(UserModelConfig.UpdateRule.MOVING_AVERAGE)
                        .levels(1)
                        .headDim(2)
                        .build();
        UserModel model = model(config);
        UserState s = model.newState();
        model.update(s, UserModelConfig.PURCHASE, "a", new float[] {1, 0}, T0);
        // Joins (cosine 0.6 > 0.5) and moves by rate 0.2 * weight(click) / weight(purchase).
        model.update(s, UserModelConfig.CLICK, "b", new float[] {0.6f, 0.8f}, T0 + 1);
        double beta = 0.2 * 1.0 / 4.0;
        double x = 1 + beta * (0.6 - 1);
        double y = beta * 0.8;
        double n = Math.hypot(x, y);
        float[] u = s.interests().get(0).vector();
        assertThat((double) u[0]).isCloseTo(x / n, within(1e-6));
        assertThat((double) u[1]).isCloseTo(y / n, within(1e-6));
        // No negative signal in the cheap ablation: counted, vector unchanged.
        model.negative(s, new float[] {0.6f, 0.8f}, T0 + 2);
        assertThat(s.interests().get(0).vector()).isEqualTo(u);
        assertThat(s.negatives()).isEqualTo(1);
    }

    @Test
    void movingAverageWithConcatenatedSimilaritySeparatesTwoTastes() {
        UserModel model =
                model(
                        UserModelConfig.builder()
                                .updateRule(UserModelConfig.UpdateRule.MOVING_AVERAGE)
                                .interestSimilarity(UserModelConfig.InterestSimilarity.CONCATENATED)
                                .build());
        Random random = new Random(63);
        float[][] tastes = {randomHeads(random, 3, H), randomHeads(random, 3, H)};
        UserState s = model.newState();
        for (int e = 0; e < 300; e++) {
            float[] item = near(tastes[e % 2], 0.6, random, 3, H);
            model.update(s, typicalLevel(random), "i" + e, item, T0 + e * MINUTE);
        }
        assertThat(s.interests()).hasSize(2);
        for (Interest interest : s.interests()) {
            double a = mean(interest.vector(), tastes[0], 3);
            double b = mean(interest.vector(), tastes[1], 3);
            // A moving average of items sits near the taste's centre in every head.
            assertThat(Math.max(a, b)).isGreaterThan(0.9);
            assertThat(Math.min(a, b)).isLessThan(0.3);
        }
    }
}
