package io.ladder.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.schemas.UserEvent;
import io.ladder.train.ItemTowerTrainer;
import io.ladder.train.TrainConfig;
import io.ladder.train.TrainedTower;
import io.ladder.train.ValidationCut;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validation window of the trainer and of --tune: the last 10% of warm-up events. */
class ValidationWindowTest {
    private static List<UserEvent> oneASecond(int n) {
        List<UserEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(TestEvents.event("u" + i % 3, "i" + i, "pv", 1_000 + i));
        }
        return events;
    }

    @Test
    void isTheLastTenthOfEventsByCountAsATimeCut() {
        List<UserEvent> events = oneASecond(100); // t = 1000 .. 1099 s
        Instant until = Instant.ofEpochSecond(5_000); // long after the last event
        // The last 10 events start at t = 1090: the cut does not depend on how long the gap is.
        assertThat(ValidationCut.of(events, until)).isEqualTo(Instant.ofEpochSecond(1_090));
    }

    @Test
    void countsOnlyEventsBeforeTheEndAndHoldsOutTiesAtTheCut() {
        List<UserEvent> events = new ArrayList<>(oneASecond(20)); // t = 1000 .. 1019 s
        events.add(TestEvents.event("u9", "late", "pv", 1_018)); // ties the cut
        events.add(TestEvents.event("u9", "after", "pv", 9_000)); // at or after the end
        long end = Instant.ofEpochSecond(9_000).toEpochMilli();
        // 21 events before the end: ceil(2.1) = 3 held out, the third last is at t = 1018; all
        // three events at or after 1018 go to the validation part.
        assertThat(ValidationCut.millis(events, end, 0.1)).isEqualTo(1_018_000L);
        assertThat(ValidationCut.millis(events, end, 0)).isEqualTo(end);
        assertThat(ValidationCut.millis(List.of(), end, 0.1)).isEqualTo(end);
        assertThatThrownBy(() -> ValidationCut.millis(events, end, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTrainerHoldsOutTheSameWindowTheTunerUses(@TempDir Path dir) throws Exception {
        Path file = SyntheticEvents.write(dir, 3, 20, 5);
        Instant until = Instant.ofEpochSecond(SyntheticEvents.START + 4 * SyntheticEvents.DAY);
        List<UserEvent> warmup = EventStream.read(file, until).warmup();
        TrainedTower tower =
                ItemTowerTrainer.train(
                        TrainConfig.builder().epochs(1).until(until).build(), warmup);
        Instant cut = ValidationCut.of(warmup, until);
        assertThat(tower.report().heldOutStart()).isEqualTo(cut);
        long heldOut = warmup.stream().filter(e -> !e.getEventTime().isBefore(cut)).count();
        assertThat(tower.report().heldOutEvents()).isEqualTo(heldOut);
        assertThat((double) heldOut / warmup.size()).isBetween(0.1, 0.12);
    }
}
