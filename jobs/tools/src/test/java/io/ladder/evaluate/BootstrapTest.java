package io.ladder.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    private static double[] hits(long seed, double p, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextDouble() < p ? 1 : 0;
        }
        return out;
    }

    @Test
    void sameSeedSameInterval() {
        double[] a = hits(1, 0.6, 300);
        double[] b = hits(2, 0.4, 300);
        Bootstrap.Interval x = Bootstrap.pairedDifference(a, b, 500, 7);
        Bootstrap.Interval y = Bootstrap.pairedDifference(a, b, 500, 7);
        assertThat(x).isEqualTo(y);
        assertThat(Bootstrap.pairedDifference(a, b, 500, 8)).isNotEqualTo(x);
    }

    @Test
    void intervalContainsTheObservedDifference() {
        double[] a = hits(1, 0.6, 400);
        double[] b = hits(2, 0.3, 400);
        Bootstrap.Interval iv = Bootstrap.pairedDifference(a, b, 1000, 3);
        assertThat(iv.low()).isLessThan(iv.difference());
        assertThat(iv.high()).isGreaterThan(iv.difference());
        assertThat(iv.low()).isGreaterThan(0.0);
        assertThat(iv.events()).isEqualTo(400);
    }

    @Test
    void identicalSystemsGiveAZeroWidthInterval() {
        double[] a = hits(1, 0.5, 100);
        Bootstrap.Interval iv = Bootstrap.pairedDifference(a, a.clone(), 200, 1);
        assertThat(iv.difference()).isEqualTo(0.0);
        assertThat(iv.low()).isEqualTo(0.0);
        assertThat(iv.high()).isEqualTo(0.0);
    }

    @Test
    void percentileInterpolates() {
        assertThat(Bootstrap.percentile(new double[] {0, 1, 2, 3, 4}, 0.5)).isEqualTo(2.0);
        assertThat(Bootstrap.percentile(new double[] {0, 10}, 0.25)).isCloseTo(2.5, within(1e-12));
    }
}
