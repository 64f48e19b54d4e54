package io.ladder.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cold items share their category's vector: 5 categories x 300 identical vectors, plus 500 distinct
 * engaged items. Search returns k items, ties by popularity desc then id asc.
 */
class DuplicateVectorsIndexTest {
    static final int DIM = 96;
    static final int CATEGORIES = 5;
    static final int PER_CATEGORY = 300;

    HnswItemIndex index;
    float[][] categoryVectors;
    List<List<String>> expectedOrder;

    @BeforeEach
    void load() {
        ClusteredVectors data = new ClusteredVectors(3, 32, 10, 41);
        categoryVectors = data.items(CATEGORIES);
        float[][] engaged = data.items(500);
        Random random = new Random(42);
        index = HnswItemIndex.builder(DIM).build();
        expectedOrder = new ArrayList<>();
        List<ItemVector> initial = new ArrayList<>();
        for (int c = 0; c < CATEGORIES; c++) {
            List<ItemVector> members = new ArrayList<>();
            for (int j = 0; j < PER_CATEGORY; j++) {
                // few distinct popularities, so many ties that only the id can break
                float pop = random.nextInt(4);
                members.add(
                        new ItemVector(String.format("c%d-%03d", c, j), categoryVectors[c], pop));
            }
            expectedOrder.add(
                    members.stream()
                            .sorted(
                                    Comparator.comparingDouble((ItemVector m) -> -m.popularity())
                                            .thenComparing(ItemVector::id))
                            .map(ItemVector::id)
                            .toList());
            // half bulk-loaded, half upserted one by one into the live graph
            for (int j = 0; j < PER_CATEGORY; j++) {
                if (j % 2 == 0) {
                    initial.add(members.get(j));
                }
            }
            for (int j = 0; j < PER_CATEGORY; j++) {
                if (j % 2 == 1) {
                    ItemVector m = members.get(j);
                    index.upsert(m.id(), m.vector(), m.popularity());
                }
            }
        }
        for (int i = 0; i < engaged.length; i++) {
            initial.add(new ItemVector("e" + i, engaged[i], 10f));
        }
        index.upsertAll(initial);
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void identicalVectorsShareOneGraphNode() {
        IndexStats stats = index.stats();
        assertThat(stats.items()).isEqualTo(CATEGORIES * PER_CATEGORY + 500);
        assertThat(stats.vectors()).isEqualTo(CATEGORIES + 500);
        assertThat(stats.graphNodes()).isEqualTo(CATEGORIES + 500);
    }

    @Test
    void tiesBreakByPopularityThenIdAndKIsFilled() {
        for (int c = 0; c < CATEGORIES; c++) {
            List<ScoredItem> top = index.search(categoryVectors[c], 50, null);
            assertThat(top)
                    .extracting(ScoredItem::id)
                    .containsExactlyElementsOf(expectedOrder.get(c).subList(0, 50));
            List<ScoredItem> all = index.search(categoryVectors[c], 400, null);
            assertThat(all).hasSize(400).extracting(ScoredItem::id).doesNotHaveDuplicates();
            assertThat(all.subList(0, PER_CATEGORY))
                    .extracting(ScoredItem::id)
                    .containsExactlyElementsOf(expectedOrder.get(c));
        }
    }

    @Test
    void orderIsStableAcrossRebuildsAndFiltersSkipWithinAGroup() {
        List<ScoredItem> before = index.search(categoryVectors[2], 30, null);
        index.rebuildNow();
        index.rebuildAsync().join();
        assertThat(index.search(categoryVectors[2], 30, null)).isEqualTo(before);

        List<String> expected = expectedOrder.get(2).stream().skip(10).limit(30).toList();
        List<String> skipped = expectedOrder.get(2).subList(0, 10);
        assertThat(index.search(categoryVectors[2], 30, id -> !skipped.contains(id)))
                .extracting(ScoredItem::id)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void groupShrinksAndMembersMoveOut() {
        List<String> order = expectedOrder.get(0);
        index.remove(order.get(0));
        float[] elsewhere = categoryVectors[1];
        index.upsert(order.get(1), elsewhere, 100f);
        List<ScoredItem> top = index.search(categoryVectors[0], 3, null);
        assertThat(top).extracting(ScoredItem::id).containsExactlyElementsOf(order.subList(2, 5));
        assertThat(index.search(elsewhere, 1, null))
                .extracting(ScoredItem::id)
                .containsExactly(order.get(1));
        // emptying a whole group deletes its node; the vector is no longer returned
        IntStream.range(0, PER_CATEGORY).forEach(j -> index.remove(expectedOrder.get(3).get(j)));
        assertThat(index.stats().deletedNodes()).isEqualTo(1);
        assertThat(index.search(categoryVectors[3], 10, null))
                .extracting(ScoredItem::id)
                .noneMatch(id -> id.startsWith("c3-"));
        index.rebuildNow();
        assertThat(index.stats().graphNodes()).isEqualTo(CATEGORIES - 1 + 500);
    }
}
