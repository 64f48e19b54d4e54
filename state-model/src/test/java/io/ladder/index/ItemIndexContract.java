package io.ladder.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link ItemIndex} must show, run against each implementation. Data sets are small
 * enough that HNSW with its factory's ef is exact, so results compare by equality.
 */
abstract class ItemIndexContract {
    static final int HEADS = 3;
    static final int HEAD_DIM = 8;
    static final int DIM = HEADS * HEAD_DIM;

    ItemIndex index;

    abstract ItemIndex newIndex(int dimensions);

    @BeforeEach
    void create() {
        index = newIndex(DIM);
    }

    @AfterEach
    void close() throws Exception {
        if (index instanceof AutoCloseable c) {
            c.close();
        }
    }

    static float[] randomVector(Random random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
        }
        ClusteredVectors.normaliseHeads(v, HEADS);
        return v;
    }

    /** Brute force in doubles-free float, same kernel: the expected order. */
    static List<String> bruteForce(List<float[]> vectors, List<Float> pops, float[] query, int k) {
        List<Candidate> all = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            all.add(new Candidate("i" + i, VectorMath.dot(query, vectors.get(i)), pops.get(i)));
        }
        return Candidate.topK(all, k).stream().map(ScoredItem::id).collect(Collectors.toList());
    }

    @Test
    void searchReturnsTopKByInnerProductBestFirst() {
        Random random = new Random(11);
        List<float[]> vectors = new ArrayList<>();
        List<Float> pops = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            vectors.add(randomVector(random));
            pops.add(random.nextFloat());
            index.upsert("i" + i, vectors.get(i), pops.get(i));
        }
        for (int q = 0; q < 20; q++) {
            float[] query = randomVector(random);
            List<ScoredItem> hits = index.search(query, 10, null);
            assertThat(hits)
                    .extracting(ScoredItem::id)
                    .containsExactlyElementsOf(bruteForce(vectors, pops, query, 10));
            assertThat(hits)
                    .isSortedAccordingTo(Comparator.comparingDouble((ScoredItem s) -> -s.score()));
            ScoredItem first = hits.get(0);
            int i = Integer.parseInt(first.id().substring(1));
            assertThat(first.score()).isEqualTo(VectorMath.dot(query, vectors.get(i)));
        }
    }

    @Test
    void filterIsRespectedAndStillFillsK() {
        Random random = new Random(12);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            vectors.add(randomVector(random));
            index.upsert("i" + i, vectors.get(i), 0f);
        }
        float[] query = vectors.get(7);
        List<ScoredItem> unfiltered = index.search(query, 5, null);
        assertThat(unfiltered.get(0).id()).isEqualTo("i7");

        List<ScoredItem> hits = index.search(query, 5, id -> !id.equals("i7") && !id.endsWith("3"));
        assertThat(hits).hasSize(5);
        assertThat(hits)
                .extracting(ScoredItem::id)
                .doesNotContain("i7")
                .noneMatch(id -> id.endsWith("3"));
        // only 12 ids pass a very selective filter: all come back
        assertThat(index.search(query, 50, id -> id.endsWith("1"))).hasSize(12);
    }

    @Test
    void equalVectorsTieByPopularityThenId() {
        Random random = new Random(13);
        float[] shared = randomVector(random);
        index.upsert("b", shared, 0.5f);
        index.upsert("a", shared, 0.5f);
        index.upsert("c", shared, 0.9f);
        index.upsert("d", shared, 0.1f);
        for (int i = 0; i < 40; i++) {
            index.upsert("x" + i, randomVector(random), 1f);
        }
        List<ScoredItem> hits = index.search(shared, 4, null);
        assertThat(hits).extracting(ScoredItem::id).containsExactly("c", "a", "b", "d");
        assertThat(hits).extracting(ScoredItem::score).containsOnly(VectorMath.dot(shared, shared));
    }

    @Test
    void upsertReplacesVectorAndPopularity() {
        Random random = new Random(14);
        for (int i = 0; i < 50; i++) {
            index.upsert("i" + i, randomVector(random), 0f);
        }
        float[] moved = randomVector(random);
        index.upsert("i3", moved, 2f);
        assertThat(index.size()).isEqualTo(50);
        assertThat(index.vector("i3"))
                .hasValueSatisfying(v -> assertThat(v).containsExactly(moved));
        assertThat(index.search(moved, 1, null)).extracting(ScoredItem::id).containsExactly("i3");
        assertThat(index.search(moved, 50, null))
                .extracting(ScoredItem::id)
                .doesNotHaveDuplicates()
                .hasSize(50);
    }

    @Test
    void removeHidesAtOnce() {
        Random random = new Random(15);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            vectors.add(randomVector(random));
            index.upsert("i" + i, vectors.get(i), 0f);
        }
        assertThat(index.remove("i5")).isTrue();
        assertThat(index.remove("i5")).isFalse();
        assertThat(index.contains("i5")).isFalse();
        assertThat(index.vector("i5")).isEmpty();
        assertThat(index.size()).isEqualTo(59);
        assertThat(index.search(vectors.get(5), 59, null))
                .extracting(ScoredItem::id)
                .doesNotContain("i5")
                .hasSize(59);
    }

    @Test
    void vectorIsACopy() {
        float[] v = randomVector(new Random(16));
        index.upsert("a", v, 0f);
        float[] original = v.clone();
        v[0] = 42f;
        float[] stored = index.vector("a").orElseThrow();
        assertThat(stored).containsExactly(original);
        stored[1] = 42f;
        assertThat(index.vector("a").orElseThrow()).containsExactly(original);
        assertThat(index.contains("a")).isTrue();
        assertThat(index.dimensions()).isEqualTo(DIM);
    }

    @Test
    void emptyAndEdgeCases() {
        float[] q = randomVector(new Random(17));
        assertThat(index.search(q, 10, null)).isEmpty();
        index.upsert("a", q, 0f);
        assertThat(index.search(q, 0, null)).isEmpty();
        assertThat(index.search(q, 10, null)).extracting(ScoredItem::id).containsExactly("a");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> index.upsert("a", new float[DIM - 1], 0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimensions");
        float[] nan = new float[DIM];
        nan[2] = Float.NaN;
        assertThatThrownBy(() -> index.upsert("a", nan, 0f))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search(new float[DIM + 1], 3, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(index.size()).isZero();
    }
}
