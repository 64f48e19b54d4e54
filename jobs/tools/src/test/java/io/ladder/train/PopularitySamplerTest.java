package io.ladder.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PopularitySamplerTest {
    @Test
    void drawsInProportionToCountToTheExponent() {
        PopularitySampler linear = new PopularitySampler(new long[] {1, 3, 0, 6}, 1.0);
        double[] share = shares(linear, 4);
        assertThat(share[0]).isCloseTo(0.1, offset(0.01));
        assertThat(share[1]).isCloseTo(0.3, offset(0.01));
        assertThat(share[2]).isZero();
        assertThat(share[3]).isCloseTo(0.6, offset(0.01));

        PopularitySampler flat = new PopularitySampler(new long[] {1, 3, 0, 6}, 0.0);
        // count^0 = 1 for every item, zero counts included
        assertThat(shares(flat, 4)[2]).isCloseTo(0.25, offset(0.01));
    }

    private static double[] shares(PopularitySampler sampler, int n) {
        SplittableRandom random = new SplittableRandom(3);
        double[] share = new double[n];
        int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            share[sampler.sample(random)] += 1.0 / draws;
        }
        return share;
    }
}
