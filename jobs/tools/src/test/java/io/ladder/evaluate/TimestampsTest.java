package io.ladder.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static final Instant T = Instant.ofEpochSecond(1512144000L);

    @Test
    void epochSecondsAndMillis() {
        assertThat(Timestamps.parse("1512144000")).isEqualTo(T);
        assertThat(Timestamps.parse("1512144000000")).isEqualTo(T);
    }

    @Test
    void isoWithOffsetIsHonoured() {
        assertThat(Timestamps.parse("2017-12-02T00:00:00+08:00")).isEqualTo(T);
        assertThat(Timestamps.parse("2017-12-01T16:00:00Z")).isEqualTo(T);
    }

    @Test
    void isoWithoutOffsetIsUtc() {
        assertThat(Timestamps.parse("2017-12-01T16:00:00")).isEqualTo(T);
        assertThat(Timestamps.parse("2017-12-01")).isEqualTo(Instant.parse("2017-12-01T00:00:00Z"));
    }

    @Test
    void nonsenseSaysWhatIsAccepted() {
        assertThatThrownBy(() -> Timestamps.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epoch seconds");
    }
}
