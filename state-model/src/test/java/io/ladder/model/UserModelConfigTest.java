package io.ladder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserModelConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        UserModelConfig c = UserModelConfig.defaults();
        assertThat(c.levels()).isEqualTo(3);
        assertThat(c.headDim()).isEqualTo(32);
        assertThat(c.vectorLength()).isEqualTo(96);
        assertThat(c.maxInterests()).isEqualTo(4);
        assertThat(c.recentItems()).isEqualTo(50);
        assertThat(c.interestHalfLifeMillis()).isEqualTo(3L * 24 * 3600 * 1000);
        assertThat(c.updateRule()).isEqualTo(UserModelConfig.UpdateRule.SGD);
        assertThat(c.levelWeights()).containsExactly(1.0, 2.0, 4.0);
        assertThat(c.touchedBoost()).isEqualTo(1.0);
        assertThat(c.touchedModelWeight()).isZero();
    }

    @Test
    void toBuilderKeepsEverySettingAndChangesOne() {
        UserModelConfig c =
                UserModelConfig.builder().maxInterests(2).touchedCountWeight(0.3).seed(7).build();
        UserModelConfig d = c.toBuilder().levels(1).build();
        assertThat(d.toString()).isEqualTo(c.toString().replace("T=3", "T=1"));
    }

    @Test
    void buildRejectsSettingsTheModelCannotRunWith() {
        assertThatThrownBy(() -> UserModelConfig.builder().levels(4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("levels must be in 1..3");
        assertThatThrownBy(() -> UserModelConfig.builder().maxInterests(0).build())
                .hasMessageContaining("maxInterests");
        assertThatThrownBy(() -> UserModelConfig.builder().joinThreshold(1.5).build())
                .hasMessageContaining("cosine");
        assertThatThrownBy(() -> UserModelConfig.builder().levelWeights(1, 2).build())
                .hasMessageContaining("one weight per event level");
        assertThatThrownBy(() -> UserModelConfig.builder().learningRate(0).build())
                .hasMessageContaining("learningRate");
        assertThatThrownBy(() -> UserModelConfig.builder().recentItems(0).build())
                .hasMessageContaining("recentItems");
        assertThatThrownBy(() -> UserModelConfig.builder().interestHalfLifeMillis(0).build())
                .hasMessageContaining("interestHalfLifeMillis");
        assertThatThrownBy(() -> UserModelConfig.builder().touchedBoost(Double.NaN).build())
                .hasMessageContaining("finite");
    }
}
