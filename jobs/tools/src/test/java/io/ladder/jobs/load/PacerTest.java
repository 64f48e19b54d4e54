package io.ladder.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void maxNeverWaits() {
        Pacer pacer = Pacer.Spec.parse("max").create();
        assertThat(pacer.delayNanos(0, 0)).isZero();
        assertThat(pacer.delayNanos(1_000_000, 0)).isZero();
    }

    @Test
    void speedUpKeepsEventTimeGapsDividedByTheFactor() {
        Pacer pacer = Pacer.Spec.parse("x60").create();
        long t0 = 1_511_539_200_000L;
        assertThat(pacer.delayNanos(t0, 100)).isZero();
        // one minute of event time is one second at x60
        assertThat(pacer.delayNanos(t0 + 60_000, 100)).isEqualTo(SECOND);
        assertThat(pacer.delayNanos(t0 + 120_000, 100 + SECOND)).isEqualTo(SECOND);
        // older than the newest seen: at once
        assertThat(pacer.delayNanos(t0 + 30_000, 100 + SECOND)).isZero();
        // already late: no wait
        assertThat(pacer.delayNanos(t0 + 180_000, 100 + 10 * SECOND)).isZero();
    }

    @Test
    void rowsPerSecondSpacesRowsEvenly() {
        Pacer pacer = Pacer.Spec.parse("4").create();
        assertThat(pacer.delayNanos(0, 0)).isZero();
        assertThat(pacer.delayNanos(0, 0)).isEqualTo(SECOND / 4);
        assertThat(pacer.delayNanos(0, SECOND / 4)).isEqualTo(SECOND / 4);
    }

    @Test
    void rejectsNonsense() {
        for (String bad : new String[] {"x0", "fast", "-3", "x", "xNaN"}) {
            assertThatThrownBy(() -> Pacer.Spec.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--rate wants max, xN");
        }
    }
}
