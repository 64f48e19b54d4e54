package io.ladder.jobs.user;

import static io.ladder.jobs.fixtures.JobFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ModelContext;
import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.replay.ReplayDriver;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.CandidateSource;
import io.ladder.schemas.EventType;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.Codecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the catalogue moves from one item-tower version to the next: a version is adopted only once
 * its items are held, the current one serves with its own vectors until then, and a subtask keeps
 * serving the old one until its index for the new one is built.
 */
class VersionAdoptionTest {
    static final String V1 = JobFixtures.VERSION;
    static final int ITEMS = JobFixtures.items().size();

    /** Version {@code version}, published {@code hours} after the fixture's, announcing a count. */
    static CatalogRecord modelInfo(String version, int hours, int itemCount) {
        ModelInfo info =
                ModelInfo.newBuilder(JobFixtures.modelInfo())
                        .setModelVersion(version)
                        .setCreatedTime(JobFixtures.T0.plusSeconds(3600L * hours))
                        .setItemCount(itemCount)
                        .build();
        return CatalogRecord.model(version, Codecs.MODEL_INFO.encode(info), 0);
    }

    /** The fixture's items under {@code version}, each with a vector of its own. */
    static List<CatalogRecord> items(String version, int seed) {
        List<CatalogRecord> out = new ArrayList<>();
        int n = 0;
        for (Item item : JobFixtures.items()) {
            int c = item.getCategoryId().equals("A") ? 0 : 1;
            float[] vector = JobFixtures.itemVector(c, 100 * seed + n++);
            List<Float> embedding = new ArrayList<>();
            for (float x : vector) {
                embedding.add(x);
            }
            out.add(
                    CatalogRecord.item(
                            Item.newBuilder(item)
                                    .setModelVersion(version)
                                    .setEmbedding(embedding)
                                    .build()));
        }
        return out;
    }

    static String current(ReplayDriver driver) throws Exception {
        return Codecs.MODEL_INFO.decode(driver.catalogView().currentModel()).getModelVersion();
    }

    static List<String> modelKeys(ReplayDriver driver) throws Exception {
        List<String> keys = new ArrayList<>();
        driver.catalogView().modelRecordKeys().forEach(keys::add);
        return keys;
    }

    @Test
    void aVersionWaitsForItsItemsWhileTheCurrentOneServesWithItsOwnVectors() throws Exception {
        CountingMetrics metrics = new CountingMetrics();
        List<CandidateList> out = new ArrayList<>();
        ReplayDriver driver = RecommenderTest.driver(metrics, out, "--list.min-interval", "1ms");
        float[] a1UnderV1 = driver.catalogView().item("a1").vector;
        driver.event(event("e1", "u1", "a1", EventType.CART, 0));

        driver.catalog(modelInfo("v2", 1, ITEMS));
        List<CatalogRecord> v2 = items("v2", 1);
        v2.subList(0, ITEMS / 2).forEach(record -> apply(driver, record));
        assertThat(metrics.modelsPending()).isEqualTo(1);
        assertThat(current(driver)).isEqualTo(V1);
        // Half of v2 is in: the entry holds v2's vector and keeps v1's, which still serves.
        CatalogEntry a1 = driver.catalogView().item("a1");
        assertThat(a1.modelVersion).isEqualTo("v2");
        assertThat(a1.previousVersion).isEqualTo(V1);
        ModelContext v1 = ModelContext.of(JobFixtures.modelInfo());
        assertThat(v1.vectorFor(a1, null)).isSameAs(a1UnderV1);
        driver.event(event("e2", "u1", "b1", EventType.CLICK, 10));
        assertThat(out.get(out.size() - 1).getModelVersion()).isEqualTo(V1);

        v2.subList(ITEMS / 2, ITEMS).forEach(record -> apply(driver, record));
        assertThat(current(driver)).isEqualTo("v2");
        assertThat(modelKeys(driver)).containsExactly(ModelRecords.CURRENT);
        driver.event(event("e3", "u1", "a2", EventType.CLICK, 20));
        assertThat(out.get(out.size() - 1).getModelVersion()).isEqualTo("v2");
        assertThat(metrics.refolds()).isEqualTo(1);
    }

    @Test
    void itemsThatArriveBeforeTheirModelInfoCountForIt() throws Exception {
        CountingMetrics metrics = new CountingMetrics();
        List<CandidateList> out = new ArrayList<>();
        ReplayDriver driver = RecommenderTest.driver(metrics, out, "--list.min-interval", "1ms");
        items("v2", 1).forEach(record -> apply(driver, record));
        driver.event(event("e1", "u1", "a1", EventType.CART, 0));
        assertThat(out.get(0).getModelVersion()).isEqualTo(V1);

        driver.catalog(modelInfo("v2", 1, ITEMS));
        assertThat(metrics.modelsPending()).isZero();
        assertThat(current(driver)).isEqualTo("v2");
        driver.event(event("e2", "u1", "b1", EventType.CLICK, 10));
        assertThat(out.get(1).getModelVersion()).isEqualTo("v2");
    }

    @Test
    void aLargeCatalogueKeepsServingTheOldVersionUntilTheNewIndexIsBuilt() throws Exception {
        CountingMetrics metrics = new CountingMetrics();
        List<CandidateList> out = new ArrayList<>();
        ReplayDriver driver =
                RecommenderTest.driver(
                        metrics,
                        out,
                        "--index.blocking-build-max-items",
                        "0",
                        "--retrieval.requery-drift",
                        "0",
                        "--list.min-interval",
                        "1ms");
        int n = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (metrics.requeries() == 0 && System.nanoTime() < deadline) {
            driver.event(event("e" + ++n, "u1", "a" + n % 10, EventType.CLICK, 10L * n));
            Thread.sleep(10);
        }
        assertThat(metrics.requeries()).as("v1's index serves").isPositive();
        long whileBuilding = metrics.listsWhileIndexBuilds();
        int before = out.size();

        driver.catalog(modelInfo("v2", 1, ITEMS));
        items("v2", 1).forEach(record -> apply(driver, record));
        assertThat(current(driver)).isEqualTo("v2");
        while (!out.get(out.size() - 1).getModelVersion().equals("v2")
                && System.nanoTime() < deadline) {
            driver.event(event("e" + ++n, "u1", "b" + n % 10, EventType.CLICK, 10L * n));
            Thread.sleep(10);
        }
        driver.event(event("e" + ++n, "u1", "a3", EventType.CART, 10L * n));

        List<CandidateList> after = out.subList(before, out.size());
        List<String> versions = after.stream().map(CandidateList::getModelVersion).toList();
        int firstV2 = versions.indexOf("v2");
        assertThat(firstV2).as("the subtask switched").isNotNegative();
        assertThat(versions.subList(0, firstV2)).containsOnly(V1);
        assertThat(versions.subList(firstV2, versions.size())).containsOnly("v2");
        // No list went without retrieval for the switch: the old index served until the new one.
        assertThat(metrics.listsWhileIndexBuilds()).isEqualTo(whileBuilding);
        for (CandidateList list : after) {
            assertThat(list.getCandidates())
                    .extracting(Candidate::getSource)
                    .contains(CandidateSource.INTEREST);
        }
        assertThat(metrics.modelSwitches()).isEqualTo(1);
    }

    @Test
    void versionsThatNeverGetTheirItemsDoNotGrowTheBookkeeping() throws Exception {
        CountingMetrics metrics = new CountingMetrics();
        ReplayDriver driver = RecommenderTest.driver(metrics, new ArrayList<>());
        for (int v = 2; v <= 8; v++) {
            driver.catalog(modelInfo("v" + v, v, 1_000));
        }
        assertThat(current(driver)).isEqualTo(V1);
        assertThat(modelKeys(driver))
                .hasSize(1 + 2 * VersionAdoption.MAX_PENDING)
                .contains("pending/v8", "pending/v5")
                .doesNotContain("pending/v4", "count/v4");

        // A newer complete version supersedes every pending one.
        driver.catalog(modelInfo("v9", 9, 0));
        assertThat(current(driver)).isEqualTo("v9");
        assertThat(modelKeys(driver)).containsExactly(ModelRecords.CURRENT);
    }

    @Test
    void anItemTakenOverByANewerVersionNoLongerCountsForTheOlderOne() throws Exception {
        ReplayDriver driver = RecommenderTest.driver(new CountingMetrics(), new ArrayList<>());
        driver.catalog(modelInfo("v2", 1, ITEMS));
        driver.catalog(modelInfo("v3", 2, ITEMS));
        List<CatalogRecord> v2 = items("v2", 1);
        v2.subList(0, ITEMS - 1).forEach(record -> apply(driver, record));
        apply(driver, items("v3", 2).get(0)); // a0 moves on to v3
        apply(driver, v2.get(ITEMS - 1));
        assertThat(current(driver)).as("v2 holds one item short").isEqualTo(V1);

        items("v3", 2).forEach(record -> apply(driver, record));
        assertThat(current(driver)).isEqualTo("v3");
        assertThat(modelKeys(driver)).containsExactly(ModelRecords.CURRENT);
    }

    @Test
    void onlyTheReplacedVersionsVectorsStayBesideTheCurrentOnes() throws Exception {
        ReplayDriver driver = RecommenderTest.driver(new CountingMetrics(), new ArrayList<>());
        driver.catalog(modelInfo("v2", 1, ITEMS));
        items("v2", 1).forEach(record -> apply(driver, record));
        driver.catalog(modelInfo("v3", 2, ITEMS));
        items("v3", 2).forEach(record -> apply(driver, record));
        assertThat(current(driver)).isEqualTo("v3");
        for (Map.Entry<String, CatalogEntry> item : driver.catalogView().items()) {
            assertThat(item.getValue().modelVersion).isEqualTo("v3");
            assertThat(item.getValue().previousVersion).as(item.getKey()).isEqualTo("v2");
        }

        // One more version: v2's vectors, kept for subtasks still serving it, go.
        driver.catalog(modelInfo("v4", 3, 0));
        for (Map.Entry<String, CatalogEntry> item : driver.catalogView().items()) {
            assertThat(item.getValue().previousVersion).as(item.getKey()).isNull();
            assertThat(item.getValue().previousVector).isNull();
        }
    }

    private static void apply(ReplayDriver driver, CatalogRecord record) {
        try {
            driver.catalog(record);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
