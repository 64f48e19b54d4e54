package io.ladder.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrainOptionsTest {
    @Test
    void parsesTheDocumentedOptions() {
        TrainOptions o =
                TrainOptions.parse(
                        new String[] {
                            "--events",
                            "e.csv",
                            "--until",
                            "1512144000",
                            "--objective",
                            "no-nesting",
                            "--dim",
                            "16",
                            "--epochs",
                            "3",
                            "--threads",
                            "2",
                            "--seed",
                            "5",
                            "--negatives",
                            "6",
                            "--out",
                            "o",
                            "--model-version",
                            "v1",
                            "--publish",
                            "--bootstrap",
                            "localhost:9092"
                        });
        assertThat(o.events()).isEqualTo(Path.of("e.csv"));
        assertThat(o.config().until()).isEqualTo(Instant.ofEpochSecond(1512144000));
        assertThat(o.config().objective()).isEqualTo(Objective.NO_NESTING);
        assertThat(o.config().headDim()).isEqualTo(16);
        assertThat(o.config().threads()).isEqualTo(2);
        assertThat(o.config().negatives()).isEqualTo(6);
        assertThat(o.publish()).isTrue();
        assertThat(o.topic()).isEqualTo("ladder.items");
    }

    @Test
    void readsAWindowOfTheEventsTopic() {
        TrainOptions o =
                TrainOptions.parse(
                        new String[] {
                            "--events-topic", "ladder.events",
                            "--bootstrap", "k:9092",
                            "--window", "2d",
                            "--until", "2017-12-01T16:00:00Z",
                            "--max-events", "1_000"
                        });
        assertThat(o.events()).isNull();
        assertThat(o.source().topic()).isEqualTo("ladder.events");
        assertThat(o.source().start()).isEqualTo(Instant.parse("2017-11-29T16:00:00Z"));
        assertThat(o.source().seekMargin()).isEqualTo(TopicWindow.DEFAULT_SEEK_MARGIN);
        assertThat(o.source().maxEvents()).isEqualTo(1_000);
        assertThat(o.config().until()).isEqualTo(Instant.parse("2017-12-01T16:00:00Z"));
        assertThatThrownBy(
                        () ->
                                TrainOptions.parse(
                                        new String[] {"--events", "e", "--events-topic", "t"}))
                .hasMessageContaining("one source");
        assertThatThrownBy(() -> TrainOptions.parse(new String[] {"--events-topic", "t"}))
                .hasMessageContaining("--bootstrap");
    }

    @Test
    void untilAcceptsMillisAndIso() {
        assertThat(TrainOptions.parseInstant("1512144000000"))
                .isEqualTo(Instant.ofEpochSecond(1512144000));
        assertThat(TrainOptions.parseInstant("2017-12-01T16:00:00Z"))
                .isEqualTo(Instant.ofEpochSecond(1512144000));
    }

    @Test
    void rejectsWhatCannotWork() {
        assertThatThrownBy(() -> TrainOptions.parse(new String[] {"--events", "e", "--bogus"}))
                .hasMessageContaining("unknown option")
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> TrainOptions.parse(new String[] {"--dim", "8"}))
                .hasMessageContaining("--events");
        assertThatThrownBy(() -> TrainOptions.parse(new String[] {"--events", "e", "--publish"}))
                .hasMessageContaining("--bootstrap");
        assertThatThrownBy(
                        () ->
                                TrainOptions.parse(
                                        new String[] {"--events", "e", "--objective", "bpr"}))
                .hasMessageContaining("gnolr, binary or no-nesting");
        assertThatThrownBy(() -> TrainOptions.parse(new String[] {"--events", "e", "--dim", "0"}))
                .hasMessageContaining("dimension");
    }
}
