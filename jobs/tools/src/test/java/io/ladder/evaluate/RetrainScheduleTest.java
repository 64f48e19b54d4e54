package io.ladder.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.schemas.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrainScheduleTest {
    static final Instant UNTIL = Instant.parse("2026-01-01T00:00:00Z");

    /** Test events one hour apart from the warm-up's end on. */
    static List<UserEvent> hourly(int n) {
        List<UserEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TestEvents.event("u", "i" + i, "pv", UNTIL.getEpochSecond() + 3600L * i));
        }
        return out;
    }

    @Test
    void aDurationCutsTheTestSpanFromTheWarmUpsEnd() {
        RetrainSchedule daily = RetrainSchedule.parse("1d");
        assertThat(daily.every()).isEqualTo(Duration.ofDays(1));
        // 72 hourly events span 71 h: boundaries at 24 h and 48 h, none past the last event
        assertThat(daily.boundaries(UNTIL, hourly(72)))
                .containsExactly(UNTIL.plus(Duration.ofDays(1)), UNTIL.plus(Duration.ofDays(2)));
    }

    @Test
    void aCountOrAShareCutsAtTheTimesOfThoseEvents() {
        assertThat(RetrainSchedule.parse("30-events").boundaries(UNTIL, hourly(100)))
                .containsExactly(
                        UNTIL.plusSeconds(3600L * 30),
                        UNTIL.plusSeconds(3600L * 60),
                        UNTIL.plusSeconds(3600L * 90));
        assertThat(RetrainSchedule.parse("25%").boundaries(UNTIL, hourly(100)))
                .containsExactly(
                        UNTIL.plusSeconds(3600L * 25),
                        UNTIL.plusSeconds(3600L * 50),
                        UNTIL.plusSeconds(3600L * 75));
    }

    @Test
    void eventsAtTheWarmUpsEndOrAtOneTimeGiveOneBoundaryAtMost() {
        List<UserEvent> same = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            same.add(TestEvents.event("u", "i" + i, "pv", UNTIL.getEpochSecond() + 60));
        }
        assertThat(RetrainSchedule.parse("2-events").boundaries(UNTIL, same))
                .containsExactly(UNTIL.plusSeconds(60));
        assertThat(RetrainSchedule.parse("1d").boundaries(UNTIL, List.of())).isEmpty();
    }

    @Test
    void malformedCadencesAreRefusedWithTheOptionName() {
        for (String bad : new String[] {"0%", "100%", "0-events", "soon", "-1d", "0s"}) {
            assertThatThrownBy(() -> RetrainSchedule.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--retrain-every");
        }
    }
}
