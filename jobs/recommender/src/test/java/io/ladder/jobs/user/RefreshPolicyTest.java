package io.ladder.jobs.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.model.UserModel.InterestQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a list queries the index again instead of re-scoring the cached candidates. */
class RefreshPolicyTest {
    static final RefreshPolicy POLICY =
            new RefreshPolicy(
                    JobFixtures.config(
                                    "--retrieval.requery-drift",
                                    "0.1",
                                    "--retrieval.max-age",
                                    "10m")
                            .retrieval());
    static final long T = 1_000_000L;

    /** A cache retrieved at {@code T} for two interests along the first two axes. */
    static RetrievalCache cache() {
        RetrievalCache cache = new RetrievalCache();
        cache.itemIds = new String[] {"a"};
        cache.interests = new int[] {0};
        cache.dimension = 2;
        cache.queries = new float[] {1, 0, 0, 1};
        cache.retrievedAt = T;
        cache.modelVersion = "v1";
        return cache;
    }

    static List<InterestQuery> queries(float[] first) {
        return List.of(
                new InterestQuery(0, first, 0.6), new InterestQuery(1, new float[] {0, 1}, 0.4));
    }

    @Test
    void anUnchangedUserReScoresOnAnEvent() {
        assertThat(
                        POLICY.shouldRequery(
                                cache(),
                                queries(new float[] {1, 0}),
                                RefreshPolicy.Trigger.EVENT,
                                "v1",
                                T + 1))
                .isFalse();
    }

    @Test
    void aTimerOrNoCacheQueriesAgain() {
        List<InterestQuery> same = queries(new float[] {1, 0});
        assertThat(POLICY.shouldRequery(cache(), same, RefreshPolicy.Trigger.TIMER, "v1", T))
                .isTrue();
        assertThat(POLICY.shouldRequery(null, same, RefreshPolicy.Trigger.EVENT, "v1", T)).isTrue();
    }

    @Test
    void byDefaultTheDriftDecidesAPurchase() {
        assertThat(
                        POLICY.shouldRequery(
                                cache(),
                                queries(new float[] {1, 0}),
                                RefreshPolicy.Trigger.PURCHASE,
                                "v1",
                                T + 1))
                .isFalse();
        assertThat(
                        POLICY.shouldRequery(
                                cache(),
                                queries(new float[] {0.6f, 0.8f}),
                                RefreshPolicy.Trigger.PURCHASE,
                                "v1",
                                T + 1))
                .isTrue();
    }

    @Test
    void withRequeryOnPurchaseEveryPurchaseQueriesAgain() {
        RefreshPolicy onPurchase =
                new RefreshPolicy(
                        JobFixtures.config("--retrieval.requery-on-purchase", "true").retrieval());
        assertThat(
                        onPurchase.shouldRequery(
                                cache(),
                                queries(new float[] {1, 0}),
                                RefreshPolicy.Trigger.PURCHASE,
                                "v1",
                                T + 1))
                .isTrue();
    }

    @Test
    void anotherVersionOrAnotherNumberOfInterestsQueriesAgain() {
        assertThat(
                        POLICY.shouldRequery(
                                cache(),
                                queries(new float[] {1, 0}),
                                RefreshPolicy.Trigger.EVENT,
                                "v2",
                                T))
                .isTrue();
        List<InterestQuery> one = List.of(new InterestQuery(0, new float[] {1, 0}, 1));
        assertThat(POLICY.shouldRequery(cache(), one, RefreshPolicy.Trigger.EVENT, "v1", T))
                .isTrue();
    }

    @Test
    void aCacheAtTheMaximumAgeQueriesAgain() {
        List<InterestQuery> same = queries(new float[] {1, 0});
        long maxAge = 10 * 60_000L;
        assertThat(
                        POLICY.shouldRequery(
                                cache(), same, RefreshPolicy.Trigger.EVENT, "v1", T + maxAge - 1))
                .isFalse();
        assertThat(
                        POLICY.shouldRequery(
                                cache(), same, RefreshPolicy.Trigger.EVENT, "v1", T + maxAge))
                .isTrue();
    }

    @Test
    void anInterestThatDriftsPastTheThresholdQueriesAgain() {
        // cosine 0.95 > 1 - 0.1: still the same interest; cosine 0.8: moved
        float[] near = {0.95f, (float) Math.sqrt(1 - 0.95 * 0.95)};
        float[] far = {0.8f, 0.6f};
        assertThat(
                        POLICY.shouldRequery(
                                cache(), queries(near), RefreshPolicy.Trigger.EVENT, "v1", T))
                .isFalse();
        assertThat(
                        POLICY.shouldRequery(
                                cache(), queries(far), RefreshPolicy.Trigger.EVENT, "v1", T))
                .isTrue();
    }
}
