package io.ladder.jobs.user;

import static io.ladder.jobs.testing.JobFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.replay.ReplayDriver;
import io.ladder.jobs.testing.JobFixtures;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.CandidateSource;
import io.ladder.schemas.EventType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recommender core through the replay driver: refresh policy, determinism, new items. */
class RecommenderTest {
    static final class CountingMetrics implements RecommenderMetrics {
        int requeries;
        int rescores;
        int queries;

        @Override
        public void event() {}

        @Override
        public void lateEvent() {}

        @Override
        public void eventWithoutVector() {}

        @Override
        public void listEmitted() {}

        @Override
        public void userExpired() {}

        @Override
        public void refold() {}

        @Override
        public void indexQueries(int n) {
            requeries++;
            queries += n;
        }

        @Override
        public void rescoredOnly() {
            rescores++;
        }
    }

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
                        "--list.min-interval",
                        "1ms");
        driver.event(event("e1", "u1", "a0", EventType.CLICK, 0));
        driver.event(event("e2", "u1", "a1", EventType.CLICK, 20));
        driver.event(event("e3", "u1", "a2", EventType.CLICK, 40));
        assertThat(metrics.requeries).isEqualTo(1); // the first list; then small moves re-score
        assertThat(metrics.rescores).isEqualTo(2);
        driver.event(event("e4", "u1", "a1", EventType.PURCHASE, 60));
        assertThat(metrics.requeries).isEqualTo(2);
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
        assertThat(metrics.requeries).isEqualTo(2);
        assertThat(metrics.rescores).isZero();
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
    void anItemFirstSeenInAnEventIsRetrievableByOtherUsersOfItsCategory() throws Exception {
        List<CandidateList> out = new ArrayList<>();
        ReplayDriver driver = driver(new CountingMetrics(), out, "--list.min-interval", "1ms");
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
}
