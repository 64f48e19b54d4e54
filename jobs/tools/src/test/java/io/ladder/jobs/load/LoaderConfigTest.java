package io.ladder.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.schemas.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderConfigTest {
    @TempDir Path dir;

    @Test
    void defaultsAndOverrides() throws IOException {
        Path file = Files.writeString(dir.resolve("e.csv"), "1,2,3,pv,1511539200\n");

        LoaderConfig defaults = LoaderConfig.parse(file.toString());
        assertThat(defaults.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(defaults.topic()).isEqualTo("ladder.events");
        assertThat(defaults.pacer().kind()).isEqualTo(Pacer.Spec.Kind.MAX);
        assertThat(defaults.limit()).isEqualTo(Long.MAX_VALUE);

        LoaderConfig config =
                LoaderConfig.parse(
                        "--bootstrap",
                        "a:1",
                        file.toString(),
                        "--topic",
                        "t",
                        "--rate",
                        "x100",
                        "--mapping",
                        "like=CART",
                        "--limit",
                        "5",
                        "--bootstrap",
                        "b:2",
                        "--producer-property",
                        "linger.ms=50",
                        "--progress",
                        "lines");
        assertThat(config.bootstrapServers()).isEqualTo("b:2");
        assertThat(config.topic()).isEqualTo("t");
        assertThat(config.pacer()).isEqualTo(new Pacer.Spec(Pacer.Spec.Kind.SPEED_UP, 100));
        assertThat(config.mapping().map("like")).contains(EventType.CART);
        assertThat(config.mapping().map("pv")).isEmpty();
        assertThat(config.limit()).isEqualTo(5);
        assertThat(config.producerProperties()).containsEntry("linger.ms", "50");
        assertThat(config.progress()).isEqualTo(LoaderConfig.Progress.LINES);
    }

    @Test
    void errorsSayWhatIsWrong() throws IOException {
        Path file = Files.writeString(dir.resolve("e.csv"), "");
        assertThatThrownBy(LoaderConfig::parse).hasMessageContaining("missing FILE");
        assertThatThrownBy(() -> LoaderConfig.parse(dir.resolve("nope.csv").toString()))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> LoaderConfig.parse(file.toString(), "--limit", "0"))
                .hasMessageContaining("--limit wants a positive integer");
        assertThatThrownBy(() -> LoaderConfig.parse(file.toString(), "--topic"))
                .hasMessageContaining("--topic needs a value");
        assertThatThrownBy(() -> LoaderConfig.parse(file.toString(), "--speed", "2"))
                .hasMessageContaining("unknown option(s) [--speed]");
        assertThatThrownBy(() -> LoaderConfig.parse(file.toString(), "--mapping", "pv=LIKE"))
                .hasMessageContaining("level must be CLICK, CART or PURCHASE");
        assertThatThrownBy(() -> LoaderConfig.parse(file.toString(), "--help"))
                .isInstanceOf(LoaderConfig.HelpRequested.class);
    }
}
