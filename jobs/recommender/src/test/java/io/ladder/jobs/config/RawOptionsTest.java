package io.ladder.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one options parser every command shares (the job, the loader, the tools, the benchmarks). */
class RawOptionsTest {
    @TempDir Path dir;

    @Test
    void valuesFlagsAndTheLastOfARepeatedOption() {
        RawOptions o =
                RawOptions.parse(
                        "--topic", "a", "--dry-run", "--offset", "-5", "--topic=b", "--ttl", "2h");
        assertThat(o.string("topic", null)).isEqualTo("b");
        assertThat(o.flag("dry-run", false)).isTrue();
        assertThat(o.number("offset", 0)).isEqualTo(-5); // a negative number is a value
        assertThat(o.duration("ttl", null)).isEqualTo(Duration.ofHours(2));
        assertThat(o.all("topic")).containsExactly("a", "b");
        o.refuseUnused("");
    }

    @Test
    void positionalArgumentsAreTheCommandsToReadOrARefusal() {
        RawOptions file = RawOptions.parse("--limit", "5", "events.csv", "--rate", "x2");
        assertThat(file.onePositional("FILE")).isEqualTo("events.csv");
        assertThat(file.number("limit", 0)).isEqualTo(5);
        assertThat(file.string("rate", null)).isEqualTo("x2");
        file.refuseUnused("");

        RawOptions stray = RawOptions.parse("--limit", "5", "events.csv");
        stray.number("limit", 0);
        assertThatThrownBy(() -> stray.refuseUnused("usage: x"))
                .hasMessageContaining("unexpected argument(s) [events.csv]")
                .hasMessageContaining("usage: x");
        assertThatThrownBy(() -> RawOptions.parse("a", "b").onePositional("FILE"))
                .hasMessageContaining("one FILE only, got [a, b]");
        assertThatThrownBy(() -> RawOptions.parse().onePositional("FILE"))
                .hasMessageContaining("missing FILE");
    }

    @Test
    void anOptionThatWantsAValueRefusesToStandAlone() {
        assertThatThrownBy(() -> RawOptions.parse("--topic").string("topic", "t"))
                .hasMessage("--topic needs a value");
        assertThatThrownBy(() -> RawOptions.parse("--max", "--count").number("max", 0))
                .hasMessage("--max needs a value");
        assertThat(RawOptions.parse("--count", "--max", "3").flag("count", false)).isTrue();
    }

    @Test
    void helpIsAskedWithEitherSpelling() {
        assertThat(RawOptions.parse("-h").helpRequested()).isTrue();
        assertThat(RawOptions.parse("x.csv", "--help").helpRequested()).isTrue();
        assertThat(RawOptions.parse("x.csv").helpRequested()).isFalse();
    }

    @Test
    void theCommandLineWinsOverTheConfigFileAndMisspeltKeysAreRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("job.properties"), "topic=f\nlimit=9\n");
        RawOptions o = RawOptions.parse("--config", file.toString(), "--topic", "cli");
        assertThat(o.string("topic", null)).isEqualTo("cli");
        assertThat(o.number("limit", 0)).isEqualTo(9);
        assertThat(o.all("limit")).containsExactly("9");
        o.refuseUnused("");

        RawOptions typo = RawOptions.parse("--limmit", "3");
        typo.number("limit", 0);
        assertThatThrownBy(() -> typo.refuseUnused("")).hasMessageContaining("[--limmit]");
    }
}
