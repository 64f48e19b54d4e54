package io.ladder.jobs.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.index.ScoredItem;
import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ModelContext;
import io.ladder.jobs.fixtures.JobFixtures;
import java.time.Clock;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the subtask's index is built on the task thread, when in the background, and what then. */
class CatalogIndexTest {
    static final ModelContext MODEL = ModelContext.of(JobFixtures.modelInfo());

    static List<Map.Entry<String, CatalogEntry>> catalogue(int perCategory) {
        List<Map.Entry<String, CatalogEntry>> out = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < perCategory; i++) {
                String id = (c == 0 ? "a" : "b") + i;
                out.add(
                        new SimpleEntry<>(
                                id,
                                new CatalogEntry(
                                        c == 0 ? "A" : "B",
                                        JobFixtures.itemVector(c, i),
                                        MODEL.version(),
                                        1f)));
            }
        }
        return out;
    }

    static CatalogIndex index(String... options) {
        return new CatalogIndex(JobFixtures.config(options).retrieval(), false, Clock.systemUTC());
    }

    @Test
    void aCatalogueUpToTheLimitIsBuiltOnTheCallingThread() {
        try (CatalogIndex index = index("--index.blocking-build-max-items", "40")) {
            assertThat(index.ensureCurrent(catalogue(20), MODEL)).isTrue();
            assertThat(index.size()).isEqualTo(40);
            assertThat(index.version()).isEqualTo(1);
        }
    }

    @Test
    void aLargerOneIsBuiltInTheBackgroundWithTheChangesMadeMeanwhile() throws Exception {
        try (CatalogIndex index = index("--index.blocking-build-max-items", "39")) {
            assertThat(index.ensureCurrent(catalogue(20), MODEL)).isFalse();
            assertThat(index.isCurrent(MODEL)).isFalse();
            // catalogue changes while the graph is built: a new item, a removal
            float[] fresh = JobFixtures.itemVector(1, 99);
            index.upsert("new", new CatalogEntry("B", fresh, MODEL.version(), 1f));
            index.remove("a3");

            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!index.ensureCurrent(catalogue(20), MODEL) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(index.isCurrent(MODEL)).isTrue();
            assertThat(index.size()).isEqualTo(40); // 40 + new - a3
            assertThat(index.search(fresh, 1, null))
                    .extracting(ScoredItem::id)
                    .containsExactly("new");
            assertThat(index.search(JobFixtures.itemVector(0, 3), 40, null))
                    .extracting(ScoredItem::id)
                    .doesNotContain("a3");
        }
    }

    @Test
    void replayModeAlwaysBuildsOnTheCallingThread() {
        try (CatalogIndex index =
                new CatalogIndex(
                        JobFixtures.config("--index.blocking-build-max-items", "0").retrieval(),
                        true,
                        Clock.systemUTC())) {
            assertThat(index.ensureCurrent(catalogue(20), MODEL)).isTrue();
        }
    }
}
