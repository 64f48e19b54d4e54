package io.ladder.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BaseRatesTest {
    @Test
    void ratesAreSharesOfPositivesAndSampledNegativesTogether() {
        // 6 clicks, 3 carts, 1 purchase = 10 positive pairs, 4 negatives each: 50 pairs trained
        double[] pi = BaseRates.of(new long[] {6, 3, 1}, 4, 3);
        assertThat(pi).containsExactly(10.0 / 50, 4.0 / 50, 1.0 / 50);
    }

    @Test
    void moreNegativesLowerTheRatesProportionally() {
        double[] four = BaseRates.of(new long[] {6, 3, 1}, 4, 3);
        double[] nine = BaseRates.of(new long[] {6, 3, 1}, 9, 3);
        for (int j = 0; j < 3; j++) {
            assertThat(nine[j]).isEqualTo(four[j] * 5 / 10);
        }
    }

    @Test
    void anUnreachedLevelGetsHalfAPairSoItsCutpointIsFinite() {
        double[] pi = BaseRates.of(new long[] {8, 2, 0}, 1, 3);
        assertThat(pi).containsExactly(10.0 / 20, 2.0 / 20, 0.5 / 20);
    }

    @Test
    void noPositivesIsAnError() {
        assertThatThrownBy(() -> BaseRates.of(new long[] {0, 0, 0}, 4, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
