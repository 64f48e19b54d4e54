package io.ladder.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.config.JobConfig;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.CandidateSource;
import io.ladder.train.ItemTowerTrainer;
import io.ladder.train.TrainConfig;
import io.ladder.train.TrainedTower;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListLookupTest {
    private static CandidateList list(String user, long sequence, String... items) {
        List<Candidate> candidates = new ArrayList<>();
        for (String item : items) {
            candidates.add(new Candidate(item, 1f, CandidateSource.RECENT, -1));
        }
        return CandidateList.newBuilder()
                .setUserId(user)
                .setCandidates(candidates)
                .setModelVersion("v")
                .setGeneratedTime(Instant.EPOCH)
                .setAsOf(Instant.EPOCH)
                .setSequence(sequence)
                .build();
    }

    @Test
    void takesTheHighestSequenceBelowTheEvent() {
        ListBook book = new ListBook(2);
        book.accept(list("u", 1, "a"));
        book.accept(list("u", 3, "b", "c", "d"));
        book.accept(list("v", 5, "x"));
        assertThat(book.before("u", 1)).isNull();
        assertThat(book.before("u", 2)).containsExactly("a");
        assertThat(book.before("u", 3)).containsExactly("a"); // list 3 came with event 3
        assertThat(book.before("u", 4)).containsExactly("b", "c"); // truncated to max K
        assertThat(book.before("w", 4)).isNull();
        book.forget("u");
        assertThat(book.before("u", 4)).isNull();
    }

    @Test
    void aListEmittedWithOrAfterAnEventIsNeverUsedForItEvenAtEqualTimestamps(@TempDir Path dir)
            throws Exception {
        Path file = SyntheticEvents.write(dir, 3, 30, 4);
        Instant until = Instant.ofEpochSecond(SyntheticEvents.START + 4 * SyntheticEvents.DAY);
        EventStream stream = EventStream.read(file, until);
        TrainedTower tower =
                ItemTowerTrainer.train(
                        TrainConfig.builder().epochs(1).until(until).modelVersion("t").build(),
                        stream.warmup());
        RecommenderSystem system =
                new RecommenderSystem(
                        "pipeline",
                        JobConfig.parse("--replay", "true"),
                        tower,
                        stream.catalogue(),
                        100,
                        until.toEpochMilli());
        long t = until.getEpochSecond() + 10;
        // Items z1..z4 are in no catalogue: an item can enter a list only after its event (the
        // job announces it then), so finding z_n in the list scored for event n is look-ahead.
        // A new user: nothing before the first event.
        assertThat(system.step(TestEvents.event("new", "z1", "pv", t), true)).isNull();
        // Same timestamp: the list emitted after event 1 (it has z1), never z2 itself.
        List<String> second = system.step(TestEvents.event("new", "z2", "pv", t), true);
        assertThat(second).contains("z1").doesNotContain("z2");
        // Event 2 was not due (min interval): no list with z2 exists before event 3 either.
        List<String> third = system.step(TestEvents.event("new", "z2", "buy", t), true);
        assertThat(third).isEqualTo(second);
        // A purchase emits at once: the next event sees that list (bought z2 now ranked after
        // z1), not z3.
        List<String> fourth = system.step(TestEvents.event("new", "z3", "pv", t), true);
        assertThat(fourth).containsSubsequence("z1", "z2").doesNotContain("z3");
        assertThat(fourth).isNotEqualTo(third);
        // Two seconds later the pending timer has fired (a list with z3) before event 5.
        List<String> fifth = system.step(TestEvents.event("new", "z4", "pv", t + 2), true);
        assertThat(fifth).contains("z3").doesNotContain("z4");
    }

    @Test
    void aRetrainedTowerIsAdoptedOnceAllItsItemsArePublished(@TempDir Path dir) throws Exception {
        Path file = SyntheticEvents.write(dir, 3, 30, 4);
        Instant until = Instant.ofEpochSecond(SyntheticEvents.START + 3 * SyntheticEvents.DAY);
        EventStream stream = EventStream.read(file, until);
        TrainConfig.Builder config = TrainConfig.builder().epochs(1).until(until);
        RecommenderSystem system =
                new RecommenderSystem(
                        "pipeline",
                        JobConfig.parse("--replay", "true"),
                        ItemTowerTrainer.train(config.modelVersion("t0").build(), stream.warmup()),
                        stream.catalogue(),
                        100,
                        until.toEpochMilli());
        assertThat(system.currentVersion()).isEqualTo("t0");
        TrainedTower next =
                ItemTowerTrainer.train(config.modelVersion("t1").build(), stream.warmup());
        system.publish(next, stream.catalogue(), until.toEpochMilli() + 1);
        assertThat(system.currentVersion()).isEqualTo("t1");
    }
}
