package io.ladder.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core's duration parser reads every option as Flink's own {@code TimeUtils} does (this module
 * has Flink on its classpath; the core does not), plus ISO-8601.
 */
class DurationsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "250",
                "500ms",
                "500 ms",
                "10s",
                "10 s",
                "10sec",
                "10secs",
                "10second",
                "10seconds",
                "5m",
                "5min",
                "5minute",
                "5minutes",
                "2h",
                "2hour",
                "2hours",
                "30d",
                "30day",
                "30days",
                "7ns",
                "7nano",
                "7nanos",
                "7nanosecond",
                "7nanoseconds",
                "3µs",
                "3micro",
                "3micros",
                "3microsecond",
                "3microseconds",
                "3milli",
                "3millis",
                "3millisecond",
                "3milliseconds",
                " 42 s ",
                "10S",
                "5MIN"
            })
    void readsWhatFlinkReads(String text) {
        assertThat(Durations.parse(text)).isEqualTo(TimeUtils.parseDuration(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "s", "10 fortnights", "-5s", "1.5h", "10 s s", "99999999999999999999d"})
    void refusesWhatFlinkRefuses(String text) {
        assertThatThrownBy(() -> TimeUtils.parseDuration(text))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.trim().isEmpty() ? "duration" : text);
    }

    @Test
    void readsIso8601() {
        assertThat(Durations.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("p2d")).isEqualTo(Duration.ofDays(2));
    }
}
