package io.ladder.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisitedSetTest {
    @Test
    void visitsEachNodeOncePerSearch() {
        VisitedSet visited = new VisitedSet();
        visited.reset(100);
        assertThat(visited.visit(3)).isTrue();
        assertThat(visited.visit(3)).isFalse();
        assertThat(visited.contains(3)).isTrue();
        assertThat(visited.contains(4)).isFalse();
    }

    @Test
    void resetForgetsEveryVisitWithoutClearing() {
        VisitedSet visited = new VisitedSet();
        for (int search = 0; search < 1_000; search++) {
            visited.reset(50);
            for (int node = 0; node < 50; node += 1 + search % 3) {
                assertThat(visited.visit(node)).as("search %d node %d", search, node).isTrue();
            }
        }
    }

    @Test
    void growsForALargerGraphAndForgetsTheSmallerOnesVisits() {
        VisitedSet visited = new VisitedSet();
        visited.reset(10);
        visited.visit(9);
        visited.reset(100_000);
        assertThat(visited.contains(9)).isFalse();
        assertThat(visited.visit(99_999)).isTrue();
        visited.reset(10); // a smaller graph afterwards keeps the large array
        assertThat(visited.visit(99_999)).isTrue();
    }
}
