package io.ladder.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendingItemsTest {
    static final long HOUR = 3_600_000L;
    static final long T0 = 1_700_000_000_000L;

    @Test
    void countsHalveEveryHalfLife() {
        DecayedCounter counter = new DecayedCounter(HOUR, 100);
        counter.add("a", 8, T0);
        assertThat(counter.count("a", T0 + HOUR)).isCloseTo(4, within(1e-9));
        assertThat(counter.count("a", T0 + 3 * HOUR)).isCloseTo(1, within(1e-9));
    }

    @Test
    void recentEngagementOutranksOlderEngagementOfTheSameSize() {
        TrendingItems trending = new TrendingItems(HOUR, 100, 10, 10);
        for (int i = 0; i < 10; i++) {
            trending.record("old", "c", 1, T0);
            trending.record("new", "c", 1, T0 + 5 * HOUR);
        }
        assertThat(trending.global(2, T0 + 5 * HOUR))
                .extracting(Map.Entry::getKey)
                .containsExactly("new", "old");
        assertThat(trending.inCategory("c", 1, T0 + 5 * HOUR))
                .extracting(Map.Entry::getKey)
                .containsExactly("new");
    }

    @Test
    void purchasesWeighMoreThanClicks() {
        TrendingItems trending = new TrendingItems(HOUR, 100, 10, 10);
        trending.record("clicked", null, 1, T0);
        trending.record("clicked", null, 1, T0);
        trending.record("bought", null, 3, T0);
        assertThat(trending.global(1, T0)).extracting(Map.Entry::getKey).containsExactly("bought");
    }

    @Test
    void staysBoundedAndSurvivesLongTimeSpans() {
        DecayedCounter counter = new DecayedCounter(HOUR, 50);
        for (int i = 0; i < 10_000; i++) {
            counter.add(
                    "k" + (i % 500), 1, T0 + i * HOUR); // spans 10k half-lives: forces rescaling
        }
        assertThat(counter.size()).isLessThanOrEqualTo(50);
        assertThat(counter.top(1, T0 + 9_999 * HOUR).get(0).getValue()).isFinite().isPositive();
        assertThat(counter.top(1, T0 + 9_999 * HOUR).get(0).getKey()).isEqualTo("k499");
    }

    @Test
    void aRankingIsReusedForASecondThenRecomputed() {
        DecayedCounter counter = new DecayedCounter(HOUR, 100, 1_000);
        counter.add("a", 1, T0);
        assertThat(counter.top(1, T0)).extracting(Map.Entry::getKey).containsExactly("a");
        counter.add("b", 5, T0 + 10);
        // Within the second: the cached ranking, without the newcomer.
        assertThat(counter.top(1, T0 + 500)).extracting(Map.Entry::getKey).containsExactly("a");
        // A larger n than was ranked cannot come from the cache.
        assertThat(counter.top(2, T0 + 600))
                .extracting(Map.Entry::getKey)
                .containsExactly("b", "a");
        assertThat(counter.top(1, T0 + 1_700)).extracting(Map.Entry::getKey).containsExactly("b");
    }
}
