package io.ladder.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankMetricsTest {
    private static final Map<String, String> CATEGORY =
            Map.of("a", "x", "b", "x", "c", "y", "d", "z");

    @Test
    void recallIsAHitInsideTheTopK() {
        List<String> list = List.of("a", "b", "c", "d");
        assertThat(RankMetrics.rank(list, "c")).isEqualTo(2);
        assertThat(RankMetrics.recall(2, 3)).isEqualTo(1.0);
        assertThat(RankMetrics.recall(2, 2)).isEqualTo(0.0);
        assertThat(RankMetrics.recall(RankMetrics.rank(list, "zz"), 10)).isEqualTo(0.0);
        assertThat(RankMetrics.rank(null, "a")).isEqualTo(-1);
    }

    @Test
    void ndcgHasBinaryGainAndLogDiscount() {
        assertThat(RankMetrics.ndcg(0, 10)).isEqualTo(1.0);
        assertThat(RankMetrics.ndcg(1, 10))
                .isCloseTo(1 / (Math.log(3) / Math.log(2)), within(1e-12));
        assertThat(RankMetrics.ndcg(2, 10)).isCloseTo(0.5, within(1e-12));
        assertThat(RankMetrics.ndcg(10, 10)).isEqualTo(0.0);
        assertThat(RankMetrics.ndcg(-1, 10)).isEqualTo(0.0);
    }

    @Test
    void diversityIsTheShareOfPairsOfDifferentCategories() {
        // a,b same category; a-c, a-d, b-c, b-d, c-d differ: 5 of 6 pairs.
        assertThat(RankMetrics.diversity(List.of("a", "b", "c", "d"), 4, CATEGORY::get))
                .isCloseTo(5 / 6.0, within(1e-12));
        assertThat(RankMetrics.diversity(List.of("a", "b", "c", "d"), 2, CATEGORY::get))
                .isEqualTo(0.0);
        // unknown categories are left out; fewer than two known -> NaN
        assertThat(RankMetrics.diversity(List.of("a", "q"), 2, CATEGORY::get)).isNaN();
    }

    @Test
    void coverageCountsDistinctItemsOfTheScoredListsOverTheCatalogue() {
        SystemScores s = new SystemScores("s", new int[] {1, 3}, 3);
        s.record(0, List.of("a", "b", "c"), "b", CATEGORY::get);
        s.record(1, List.of("a", "d", "c"), "q", CATEGORY::get);
        s.record(2, null, "a", CATEGORY::get);
        assertThat(s.rank(0)).isEqualTo(1);
        assertThat(s.rank(1)).isEqualTo(-1);
        assertThat(s.rank(2)).isEqualTo(-1);
        assertThat(s.listsScored()).isEqualTo(2);
        assertThat(s.coverage(0, 10)).isCloseTo(0.1, within(1e-12)); // {a}
        assertThat(s.coverage(1, 10)).isCloseTo(0.4, within(1e-12)); // {a,b,c,d}
        // top 3: (a,b,c) 2/3 pairs differ, (a,d,c) 3/3 -> mean 5/6
        assertThat(s.diversity(1)).isCloseTo(5 / 6.0, within(1e-12));
    }

    @Test
    void targetsSplitReengagementFromDiscovery() {
        var warmup =
                List.of(TestEvents.event("u1", "a", "pv", 1), TestEvents.event("u2", "b", "pv", 2));
        var test =
                List.of(
                        TestEvents.event("u1", "a", "buy", 10), // same user touched: re-engagement
                        TestEvents.event("u1", "b", "buy", 11), // someone else touched: discovery
                        TestEvents.event("u1", "c", "pv", 12), // not a target
                        TestEvents.event("u2", "c", "cart", 13), // u1 touched c just before
                        TestEvents.event("u2", "c", "buy", 14)); // u2 carted it: re-engagement
        TestTargets t = TestTargets.of(warmup, test);
        assertThat(t.scored())
                .extracting(TestTargets.Scored::reengagement)
                .containsExactly(true, false, false, true);
        assertThat(t.scored())
                .extracting(TestTargets.Scored::anyone)
                .containsExactly(true, true, true, true);
        assertThat(t.count(Target.PURCHASE)).isEqualTo(3);
        assertThat(t.count(Target.CART)).isEqualTo(1);
        assertThat(t.share(Target.PURCHASE, true)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(t.isTarget(2)).isFalse();
    }
}
