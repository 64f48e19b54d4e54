package io.ladder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserModelConfigBuilderTest {
    /** Every setting away from its default. */
    static UserModelConfig everySettingChanged() {
        return UserModelConfig.builder()
                .levels(2)
                .headDim(8)
                .maxInterests(3)
                .joinThreshold(-0.25)
                .interestSimilarity(UserModelConfig.InterestSimilarity.CONCATENATED)
                .interestHalfLifeMillis(1234)
                .levelWeights(0.5, 0, 3)
                .learningRate(1e-7)
                .movingAverageRate(1)
                .recentItems(7)
                .purchasedItems(0)
                .updateRule(UserModelConfig.UpdateRule.MOVING_AVERAGE)
                .negativesPerEvent(3)
                .seed(-9)
                .touchedBoost(2.5)
                .touchedModelWeight(-1)
                .touchedRecencyWeight(1e300)
                .touchedLevelWeight(0.1)
                .touchedCountWeight(0.2)
                .touchedPurchasedWeight(-0.25)
                .touchedRecencyHalfLifeMillis(99)
                .build();
    }

    @Test
    void toBuilderCarriesEverySetting() {
        UserModelConfig c = everySettingChanged();

        assertThat(c.toString())
                .isEqualTo(
                        "UserModelConfig{T=2, h=8, K=3, join=-0.25 CONCATENATED,"
                                + " halfLifeMs=1234, levelWeights=[0.5, 0.0, 3.0], lr=1.0E-7,"
                                + " maRate=1.0, recent=7, purchased=0, rule=MOVING_AVERAGE,"
                                + " negatives=3, seed=-9, touched=[2.5, -1.0, 1.0E300, 0.1, 0.2,"
                                + " -0.25, 99]}");
        assertThat(c.toBuilder().build().toString()).isEqualTo(c.toString());
    }

    @Test
    void levelWeightsAreCopiedInAndOut() {
        double[] weights = {1, 1, 1};
        UserModelConfigBuilder b = UserModelConfig.builder().levelWeights(weights);
        weights[0] = 7;
        UserModelConfig c = b.build();
        c.levelWeights()[1] = 9;

        assertThat(c.levelWeights()).containsExactly(1.0, 1.0, 1.0);
        assertThat(c.levelWeight(1)).isEqualTo(1.0);
    }

    @Test
    void theConstructorValidatesLikeTheBuilder() {
        UserModelConfig d = UserModelConfig.defaults();

        assertThatThrownBy(
                        () ->
                                new UserModelConfig(
                                        d.levels(),
                                        d.headDim(),
                                        0,
                                        d.joinThreshold(),
                                        d.interestSimilarity(),
                                        d.interestHalfLifeMillis(),
                                        d.levelWeights(),
                                        d.learningRate(),
                                        d.movingAverageRate(),
                                        d.recentItems(),
                                        d.purchasedItems(),
                                        d.updateRule(),
                                        d.negativesPerEvent(),
                                        d.seed(),
                                        d.touchedBoost(),
                                        d.touchedModelWeight(),
                                        d.touchedRecencyWeight(),
                                        d.touchedLevelWeight(),
                                        d.touchedCountWeight(),
                                        d.touchedPurchasedWeight(),
                                        d.touchedRecencyHalfLifeMillis()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxInterests must be in 1..127, was 0");
    }

    @Test
    void theFirstWrongSettingIsTheOneReported() {
        assertThatThrownBy(
                        () ->
                                UserModelConfig.builder()
                                        .touchedBoost(Double.NaN)
                                        .recentItems(0)
                                        .levels(9)
                                        .build())
                .hasMessage("levels must be in 1..3 (the event ladder), was 9");
    }
}
