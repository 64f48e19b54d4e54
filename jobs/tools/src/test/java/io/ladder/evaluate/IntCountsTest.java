package io.ladder.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntCountsTest {
    @Test
    void countsManyKeysUnbounded() {
        IntCounts c = new IntCounts(Integer.MAX_VALUE);
        for (int k = 0; k < 10_000; k++) {
            c.add(k, k % 7);
            c.add(k, 1);
        }
        assertThat(c.size()).isEqualTo(10_000);
        assertThat(c.get(13)).isEqualTo(13 % 7 + 1);
        assertThat(c.get(10_001)).isZero();
        assertThat(c.contains(9_999)).isTrue();
    }

    @Test
    void keepsTheStrongestOnceTwiceTheBoundIsHeld() {
        IntCounts c = new IntCounts(2);
        c.add(1, 5);
        c.add(2, 1);
        c.add(3, 7);
        c.add(4, 1);
        assertThat(c.size()).isEqualTo(4);
        c.add(5, 1); // five keys > 2 x 2: keep the top 2
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.get(3)).isEqualTo(7);
        assertThat(c.get(1)).isEqualTo(5);
        assertThat(c.contains(5)).isFalse();
        c.add(1, 1);
        assertThat(c.get(1)).isEqualTo(6);
    }
}
