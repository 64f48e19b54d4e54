package io.ladder.jobs.neighbours;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserPairsTest {
    @Test
    void anEventPairsWithTheUsersLatestItemsBothWays() {
        List<PairUpdate> out = new ArrayList<>();
        String[] recent = UserPairs.engage(null, "a", 1, 3, out::add);
        assertThat(out).isEmpty(); // nothing to pair with yet
        recent = UserPairs.engage(recent, "b", 2, 3, out::add);
        recent = UserPairs.engage(recent, "c", 3, 3, out::add);
        assertThat(recent).containsExactly("c", "b", "a");
        out.clear();

        recent = UserPairs.engage(recent, "d", 4, 3, out::add);
        assertThat(out).hasSize(4);
        assertThat(out.get(0).itemId).isEqualTo("d");
        assertThat(out.get(0).neighbours).containsExactly("c", "b", "a");
        assertThat(out.subList(1, 4))
                .allSatisfy(u -> assertThat(u.neighbours).containsExactly("d"))
                .extracting(u -> u.itemId)
                .containsExactly("c", "b", "a");
        assertThat(out).allSatisfy(u -> assertThat(u.time).isEqualTo(4));
        assertThat(recent).containsExactly("d", "c", "b"); // bounded by the history
    }

    @Test
    void reEngagingAnItemMovesItToTheFrontAndNeverPairsItWithItself() {
        List<PairUpdate> out = new ArrayList<>();
        String[] recent = UserPairs.engage(new String[] {"b", "a"}, "a", 5, 5, out::add);
        assertThat(recent).containsExactly("a", "b");
        assertThat(out.get(0).neighbours).containsExactly("b");
        assertThat(out.get(1).itemId).isEqualTo("b");
        assertThat(out.get(1).neighbours).containsExactly("a");
        assertThat(out).hasSize(2);
    }
}
