package io.ladder.jobs.user;

import static io.ladder.jobs.fixtures.JobFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.replay.ReplayDriver;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.CandidateSource;
import io.ladder.schemas.EventType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recommender core through the replay driver: refresh policy, determinism, new items. */
class RecommenderTest {
    static ReplayDriver driver(CountingMetrics metrics, List<CandidateList> out, String... options)
            throws Exception {
        Recommender recommender =
                new Recommender(
                        JobFixtures.config(options),
                        metrics,
                        Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC));
        ReplayDriver driver = new ReplayDriver(recommender, out::add);
        for (CatalogRecord record : JobFixtures.catalogRecords()) {
            driver.catalog(record);
        }
        return driver;
    }

    @Test
    void listsReScoreCachedCandidatesUntilAPurchaseOrDriftForcesAQuery() throws Exception {
        CountingMetrics metrics = new CountingMetrics();
        List<CandidateList> out = new ArrayList<>();
        ReplayDriver driver =
                driver(
                        metrics,
                        out,
                        "--retrieval.requery-drift",
                        "0.5",
                        "--retrieval.requery-on-purchase",
                        "true",
                        "--list.min-interval",
                        "1ms",
                        "--retrieval.drop-purchased",
                        "true");
        driver.event(event("e1", "u1", "a0", EventType.CLICK, 0));
        driver.event(event("e2", "u1", "a1", EventType.CLICK, 20));
        driver.event(event("e3", "u1", "a2", EventType.CLICK, 40));
        assertThat(metrics.requeries()).isEqualTo(1); // the first list; then small moves re-score
        assertThat(metrics.rescoredOnlyLists()).isEqualTo(2);
        driver.event(event("e4", "u1", "a1", EventType.PURCHASE, 60));
        assertThat(metrics.requeries()).isEqualTo(2);
        assertThat(out).hasSize(4);
        assertThat(out.get(3).getCandidates())
                .extracting(Candidate::getItemId)
                .doesNotContain("a1");
    }

    @Test
    void aTightDriftThresholdReQueriesOnEveryMove() throws Exception {
        CountingMetrics metrics = new CountingMetrics();
        ReplayDriver driver =
                driver(
                        metrics,
                        new ArrayList<>(),
                        "--retrieval.requery-drift",
                        "0",
                        "--list.min-interval",
                        "1ms");
        driver.event(event("e1", "u1", "a0", EventType.CLICK, 0));
        driver.event(event("e2", "u1", "a5", EventType.CART, 20));
        assertThat(metrics.requeries()).isEqualTo(2);
        assertThat(metrics.rescoredOnlyLists()).isZero();
    }

    @Test
    void aLargeCatalogueIsIndexedInTheBackgroundWhileListsGoOn() throws Exception {
        // Every catalogue counts as large here: the first list must not wait for the build.
        CountingMetrics metrics = new CountingMetrics();
        List<CandidateList> out = new ArrayList<>();
        ReplayDriver driver =
                driver(
                        metrics,
                        out,
                        "--index.blocking-build-max-items",
                        "0",
                        "--retrieval.requery-drift",
                        "0",
                        "--list.min-interval",
                        "1ms");
        driver.event(event("e1", "u1", "a1", EventType.CART, 0));
        assertThat(out).hasSize(1);
        assertThat(metrics.listsWhileIndexBuilds()).isEqualTo(1);
        assertThat(metrics.requeries()).isZero();
        assertThat(out.get(0).getCandidates())
                .extracting(Candidate::getSource)
                .contains(CandidateSource.RECENT)
                .doesNotContain(CandidateSource.INTEREST);

        // Once the graph serves, the next list queries it.
        long deadline = System.nanoTime() + 30_000_000_000L;
        int n = 1;
        while (metrics.requeries() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            driver.event(event("e" + ++n, "u1", "a2", EventType.CLICK, 10L * n));
        }
        assertThat(metrics.requeries()).isEqualTo(1);
        assertThat(out.get(out.size() - 1).getCandidates())
                .extracting(Candidate::getSource)
                .contains(CandidateSource.INTEREST);
    }

    @Test
    void theSameReplayGivesTheSameLists() throws Exception {
        List<List<CandidateList>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            List<CandidateList> out = new ArrayList<>();
            ReplayDriver driver =
                    driver(new CountingMetrics(), out, "--index.type", "exact", "--replay", "true");
            long t = 0;
            for (int i = 0; i < 40; i++) {
                String item = (i % 3 == 0 ? "b" : "a") + (i % 10);
                EventType type = i % 7 == 6 ? EventType.PURCHASE : EventType.CLICK;
                driver.event(event("e" + i, "u" + (i % 4), item, type, t += 3));
            }
            driver.advanceWatermark(Long.MAX_VALUE);
            runs.add(out);
        }
        assertThat(runs.get(0)).isNotEmpty();
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
    }

    @Test
    void retrievedItemsRankByEngagementProbabilityUnlessPurchaseIsAsked() throws Exception {
        // Untouched items are first engagements far more often than first purchases, so the job
        // ranks them by P(engaged) by default; --retrieval.rank purchase keeps P(purchase). A
        // list's scores are the sources' learned hit rates by rank, so the modes differ in the
        // order of the retrieved items, not in their scores.
        List<String> engaged = interestOrder("engagement");
        List<String> purchased = interestOrder("purchase");
        assertThat(engaged).isNotEmpty().containsExactlyInAnyOrderElementsOf(purchased);
        assertThat(engaged).isNotEqualTo(purchased);
    }

    @Test
    void aPopularityPriorRanksTheMorePopularOfTheRetrievedItemsHigher() throws Exception {
        // Fixture popularity falls with the item's index (a0 10, a1 9, ...): under a strong prior
        // the retrieved items move toward that order, the same items either way.
        List<String> model = interestOrder("engagement");
        List<String> prior = interestOrder("engagement", "--retrieval.popularity-prior", "2");
        assertThat(prior).isNotEmpty().containsExactlyInAnyOrderElementsOf(model);
        assertThat(inversions(prior)).isLessThan(inversions(model));
        assertThatThrownBy(() -> JobFixtures.config("--retrieval.popularity-prior", "-1"))
                .hasMessageContaining("--retrieval.popularity-prior must be in 0..2");
    }

    /** Pairs out of popularity order (fixture ids end in their index; lower is more popular). */
    private static int inversions(List<String> ids) {
        int n = 0;
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                if (index(ids.get(i)) > index(ids.get(j))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int index(String id) {
        return Integer.parseInt(id.replaceAll("\\D", ""));
    }

    /** The retrieved (untouched) items of u1's last list, best first, under a rank mode. */
    private static List<String> interestOrder(String rank, String... more) throws Exception {
        List<CandidateList> out = new ArrayList<>();
        List<String> options =
                new ArrayList<>(
                        List.of(
                                "--index.type",
                                "exact",
                                "--list.min-interval",
                                "1ms",
                                "--retrieval.rank",
                                rank));
        options.addAll(List.of(more));
        ReplayDriver driver = driver(new CountingMetrics(), out, options.toArray(String[]::new));
        driver.event(event("e1", "u1", "a1", EventType.CART, 0));
        driver.event(event("e2", "u1", "a2", EventType.CLICK, 10));
        List<String> order = new ArrayList<>();
        for (Candidate c : out.get(out.size() - 1).getCandidates()) {
            if (c.getSource() == CandidateSource.INTEREST) {
                order.add(c.getItemId());
            }
        }
        return order;
    }

    @Test
    void anUnknownRankModeIsRejectedWithTheOptionName() {
        assertThatThrownBy(() -> JobFixtures.config("--retrieval.rank", "popular"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--retrieval.rank must be purchase or engagement");
    }

    @Test
    void anItemFirstSeenInAnEventIsRetrievableByOtherUsersOfItsCategory() throws Exception {
        List<CandidateList> out = new ArrayList<>();
        // the fan's purchase queries the index again, which the announced item has joined
        ReplayDriver driver =
                driver(
                        new CountingMetrics(),
                        out,
                        "--list.min-interval",
                        "1ms",
                        "--retrieval.requery-on-purchase",
                        "true");
        driver.event(event("x1", "fan", "a1", EventType.CART, 0));
        driver.event(
                event("n1", "other", "a-new", EventType.CLICK, 10)); // unknown to the items topic
        driver.event(event("x2", "fan", "a2", EventType.PURCHASE, 20));
        CandidateList fan = out.get(out.size() - 1);
        assertThat(fan.getUserId()).isEqualTo("fan");
        assertThat(fan.getCandidates())
                .filteredOn(c -> c.getSource() == CandidateSource.INTEREST)
                .extracting(Candidate::getItemId)
                .contains("a-new");
    }

    @Test
    void anItemOthersEngagedNextToTheUsersLatestItemIsACoEngagedCandidate() throws Exception {
        List<CandidateList> out = new ArrayList<>();
        ReplayDriver driver = driver(new CountingMetrics(), out, "--list.min-interval", "1ms");
        for (int u = 0; u < 3; u++) {
            driver.event(event("x" + u, "fan" + u, "b0", EventType.CLICK, 10 * u));
            driver.event(event("y" + u, "fan" + u, "b-new", EventType.CLICK, 10 * u + 1));
        }
        driver.event(event("z", "finder", "b0", EventType.CLICK, 100));
        CandidateList finder = out.get(out.size() - 1);
        assertThat(finder.getUserId()).isEqualTo("finder");
        assertThat(finder.getCandidates())
                .filteredOn(c -> c.getSource() == CandidateSource.CO_ENGAGED)
                .extracting(Candidate::getItemId)
                .containsExactly("b-new");
        assertThat(driver.catalogView().neighbours("b0").ids).containsExactly("b-new");

        List<CandidateList> without = new ArrayList<>();
        ReplayDriver ablation =
                driver(
                        new CountingMetrics(),
                        without,
                        "--list.min-interval",
                        "1ms",
                        "--co-engagement.enabled",
                        "false");
        for (int u = 0; u < 3; u++) {
            ablation.event(event("x" + u, "fan" + u, "b0", EventType.CLICK, 10 * u));
            ablation.event(event("y" + u, "fan" + u, "b-new", EventType.CLICK, 10 * u + 1));
        }
        ablation.event(event("z", "finder", "b0", EventType.CLICK, 100));
        assertThat(without.get(without.size() - 1).getCandidates())
                .noneMatch(c -> c.getSource() == CandidateSource.CO_ENGAGED);
        assertThat(ablation.catalogView().neighbours("b0")).isNull();
    }

    @Test
    void aNeighbourCoEngagedWithEverythingIsDiscountedAgainstOneCoEngagedWithTheUsersItem()
            throws Exception {
        // c-pop is engaged next to b0 more often (5 users against c-rare's 3) but also next to 15
        // other items. Other sources may hold both too, so the check is on the fused scores: the
        // discount moves c-rare up against c-pop, from behind it to at least level.
        Map<String, Float> raw = finderScores("--co-engagement.popularity-exponent", "0");
        Map<String, Float> discounted = finderScores();
        assertThat(raw.get("c-pop")).isGreaterThan(raw.get("c-rare"));
        assertThat(discounted.get("c-rare") / discounted.get("c-pop"))
                .isGreaterThan(raw.get("c-rare") / raw.get("c-pop") * 2);
    }

    /** The finder's list scores after others engaged c-pop and c-rare next to b0. */
    private Map<String, Float> finderScores(String... options) throws Exception {
        List<CandidateList> out = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of("--list.min-interval", "1ms"));
        args.addAll(List.of(options));
        ReplayDriver driver = driver(new CountingMetrics(), out, args.toArray(String[]::new));
        long t = 0;
        for (int i = 0; i < 15; i++) {
            driver.event(event("k" + i, "collector", "zz" + i, EventType.CLICK, t++));
        }
        driver.event(event("k-pop", "collector", "c-pop", EventType.CLICK, t++));
        for (int u = 0; u < 5; u++) {
            driver.event(event("p" + u, "pop-fan" + u, "b0", EventType.CLICK, t++));
            driver.event(event("q" + u, "pop-fan" + u, "c-pop", EventType.CLICK, t++));
        }
        for (int u = 0; u < 3; u++) {
            driver.event(event("r" + u, "rare-fan" + u, "b0", EventType.CLICK, t++));
            driver.event(event("s" + u, "rare-fan" + u, "c-rare", EventType.CLICK, t++));
        }
        // b0's 8th update is broadcast: both neighbours with their final counts.
        assertThat(driver.catalogView().neighbours("b0").weights).containsExactly(5f, 3f);
        driver.event(event("f", "finder", "b0", EventType.CLICK, t + 1_000));
        CandidateList finder = out.get(out.size() - 1);
        assertThat(finder.getUserId()).isEqualTo("finder");
        Map<String, Float> scores = new java.util.HashMap<>();
        finder.getCandidates().forEach(c -> scores.put(c.getItemId(), c.getScore()));
        assertThat(scores).containsKeys("c-pop", "c-rare");
        return scores;
    }

    @Test
    void neighboursOfAnItemTheCatalogueDropsAreDroppedWithIt() throws Exception {
        ReplayDriver driver = driver(new CountingMetrics(), new ArrayList<>());
        driver.event(event("x", "fan", "c-new", EventType.CLICK, 0));
        driver.event(event("y", "fan", "a1", EventType.CLICK, 1));
        assertThat(driver.catalogView().neighbours("c-new").ids).containsExactly("a1");
        driver.catalog(CatalogRecord.retired("c-new", 2));
        assertThat(driver.catalogView().neighbours("c-new")).isNull();
        // Neighbours of an item the catalogue does not hold are not kept at all.
        driver.catalog(
                CatalogRecord.neighbours(
                        "never-seen",
                        new io.ladder.jobs.catalog.ItemNeighbours(
                                new String[] {"a1"}, new float[] {1f}),
                        3));
        assertThat(driver.catalogView().neighbours("never-seen")).isNull();
    }

    @Test
    void aRetirementRemovesAnAnnouncedOnlyItemAndNeverAPublishedOne() throws Exception {
        List<CandidateList> out = new ArrayList<>();
        ReplayDriver driver = driver(new CountingMetrics(), out, "--list.min-interval", "1ms");
        CatalogWriter catalog = driver.catalogView();
        driver.event(event("x1", "fan", "a1", EventType.CART, 0));
        driver.event(event("n1", "other", "a-new", EventType.CLICK, 10)); // announced
        assertThat(catalog.containsItem("a-new")).isTrue();

        driver.catalog(CatalogRecord.retired("a-new", 20));
        // A retirement the items topic's record overtook on its way: the published item stays.
        driver.catalog(CatalogRecord.retired("a2", 20));
        assertThat(catalog.containsItem("a-new")).isFalse();
        assertThat(catalog.item("a2").vector).isNotNull();

        // Gone from the index too: a list that queries it again no longer retrieves it.
        driver.event(event("x2", "fan", "a2", EventType.PURCHASE, 30));
        assertThat(out.get(out.size() - 1).getCandidates())
                .filteredOn(c -> c.getSource() == CandidateSource.INTEREST)
                .extracting(Candidate::getItemId)
                .contains("a3")
                .doesNotContain("a-new");
    }

    @Test
    void aNewItemTowerVersionReFoldsTheUserBeforeTheirNextList() throws Exception {
        CountingMetrics metrics = new CountingMetrics();
        List<CandidateList> out = new ArrayList<>();
        ReplayDriver driver = driver(metrics, out, "--list.min-interval", "1ms");
        driver.event(event("e1", "u1", "a1", EventType.CART, 0));
        driver.event(event("e2", "u1", "b1", EventType.CLICK, 10));
        assertThat(out.get(out.size() - 1).getModelVersion()).isEqualTo(JobFixtures.VERSION);

        var next =
                io.ladder.schemas.ModelInfo.newBuilder(JobFixtures.modelInfo())
                        .setModelVersion("test-v2")
                        .build();
        driver.catalog(
                CatalogRecord.model(
                        "test-v2", io.ladder.schemas.codec.Codecs.MODEL_INFO.encode(next), 0));
        driver.event(event("e3", "u1", "a2", EventType.CLICK, 20));
        CandidateList list = out.get(out.size() - 1);
        assertThat(list.getModelVersion()).isEqualTo("test-v2");
        assertThat(list.getSequence()).isEqualTo(3);
        assertThat(metrics.refolds()).isEqualTo(1);
        // Items of the old version are placed by the new version's category heads meanwhile.
        assertThat(list.getCandidates())
                .extracting(Candidate::getItemId)
                .contains("a1", "b1", "a2");
    }

    @Test
    void anItemWithoutAPairForTheTtlLosesItsNeighboursInTheReplayAsInTheJob() throws Exception {
        ReplayDriver driver =
                driver(
                        new CountingMetrics(),
                        new ArrayList<>(),
                        "--co-engagement.ttl",
                        "1h",
                        "--co-engagement.max-items",
                        "4"); // 4 counted items: over half the cap, so expiry frees places
        driver.event(event("p1", "u1", "a1", EventType.CLICK, 0));
        driver.event(event("p2", "u1", "a2", EventType.CLICK, 60));
        driver.event(event("p3", "u2", "b1", EventType.CLICK, 120));
        driver.event(event("p4", "u2", "b2", EventType.CLICK, 3000)); // b1's pair: 50 min in
        assertThat(driver.catalogView().neighbours("a1")).isNotNull();

        // 1 h 10 min after a1's last pair, 20 min after b1's
        driver.event(event("later", "u9", "a5", EventType.CLICK, 4200));
        assertThat(driver.catalogView().neighbours("a1")).isNull();
        assertThat(driver.catalogView().neighbours("a2")).isNull();
        assertThat(driver.catalogView().neighbours("b1")).isNotNull();
    }

    @Test
    void belowHalfTheCapAnUnpairedItemKeepsItsNeighbours() throws Exception {
        ReplayDriver driver =
                driver(new CountingMetrics(), new ArrayList<>(), "--co-engagement.ttl", "1h");
        driver.event(event("p1", "u1", "a1", EventType.CLICK, 0));
        driver.event(event("p2", "u1", "a2", EventType.CLICK, 60));
        driver.event(event("later", "u9", "a5", EventType.CLICK, 86_400));
        assertThat(driver.catalogView().neighbours("a1")).isNotNull();
    }
}
