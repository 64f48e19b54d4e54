package io.ladder.jobs.neighbours;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.catalog.ItemNeighbours;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeighbourCountsTest {
    static boolean add(NeighbourCounts.MapStore store, long time, int keep, String... neighbours)
            throws Exception {
        return NeighbourCounts.add(
                store, store.header(), "self", new PairUpdate("self", neighbours, time), keep);
    }

    @Test
    void countsEachCoEngagementAndRanksTheStrongestFirstTiesById() throws Exception {
        NeighbourCounts.MapStore store = new NeighbourCounts.MapStore();
        add(store, 10, 100, "b", "a");
        add(store, 30, 100, "b", "self"); // never its own neighbour
        add(store, 20, 100, "c");
        ItemNeighbours top = NeighbourCounts.top(store, 2);
        assertThat(top.ids).containsExactly("b", "a");
        assertThat(top.weights).containsExactly(2f, 1f);
        assertThat(store.header()[NeighbourCounts.SIZE]).isEqualTo(3);
        assertThat(store.header()[NeighbourCounts.UPDATES]).isEqualTo(3);
        assertThat(store.header()[NeighbourCounts.LAST_SEEN]).isEqualTo(30);
    }

    @Test
    void beyondTwiceTheKeptCountsOnlyTheStrongestStay() throws Exception {
        NeighbourCounts.MapStore store = new NeighbourCounts.MapStore();
        for (int i = 0; i < 5; i++) {
            add(store, i, 3, "strong");
        }
        add(store, 5, 3, "n1", "n2", "n3", "n4", "n5");
        assertThat(store.counts()).hasSize(3).containsKeys("strong", "n1", "n2");
        assertThat(store.header()[NeighbourCounts.SIZE]).isEqualTo(3);
        add(store, 6, 3, "n9");
        assertThat(store.counts()).hasSize(4);
    }

    @Test
    void aNewItemIsBroadcastAfterEachDoublingThenEverySixtyFourthUpdate() throws Exception {
        NeighbourCounts.MapStore store = new NeighbourCounts.MapStore();
        List<Long> broadcastAt = new ArrayList<>();
        for (long n = 1; n <= 300; n++) {
            if (add(store, n, 10, "x")) {
                broadcastAt.add(n);
            }
        }
        assertThat(broadcastAt).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 192L, 256L);
    }
}
