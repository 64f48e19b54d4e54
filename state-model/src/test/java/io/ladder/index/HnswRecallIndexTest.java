package io.ladder.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HNSW recall against exact search on a seeded clustered catalogue of 3,000 x 96 (small to keep the
 * test fast on a shared 2-core box).
 */
class HnswRecallIndexTest {
    static final int ITEMS = 3_000;
    static final int QUERIES = 200;
    static final double MIN_RECALL = 0.9;

    static HnswItemIndex hnsw;
    static ExactItemIndex exact;
    static float[][] queries;

    @BeforeAll
    static void build() {
        ClusteredVectors data =
                new ClusteredVectors(3, 32, ClusteredVectors.clustersFor(ITEMS), 20260105L);
        float[][] items = data.items(ITEMS);
        queries = data.queries(QUERIES);
        List<ItemVector> load = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            load.add(new ItemVector("i" + i, items[i], 0f));
        }
        hnsw = HnswItemIndex.builder(data.dimensions()).build();
        hnsw.upsertAll(load);
        exact = new ExactItemIndex(data.dimensions());
        exact.upsertAll(load);
    }

    @AfterAll
    static void close() {
        hnsw.close();
    }

    static double meanRecall(int k) {
        double sum = 0;
        for (float[] q : queries) {
            sum += Recall.of(hnsw.search(q, k, null), exact.search(q, k, null), k);
        }
        return sum / queries.length;
    }

    @Test
    void recallAt50AboveThreshold() {
        assertThat(meanRecall(50)).isGreaterThanOrEqualTo(MIN_RECALL);
    }

    @Test
    void recallAt10AboveThreshold() {
        assertThat(meanRecall(10)).isGreaterThanOrEqualTo(MIN_RECALL);
    }

    @Test
    void scoresAreTheExactInnerProducts() {
        for (int q = 0; q < 20; q++) {
            List<ScoredItem> approx = hnsw.search(queries[q], 10, null);
            for (ScoredItem hit : approx) {
                float[] v = exact.vector(hit.id()).orElseThrow();
                assertThat(hit.score()).isEqualTo(VectorMath.dot(queries[q], v));
            }
        }
    }
}
