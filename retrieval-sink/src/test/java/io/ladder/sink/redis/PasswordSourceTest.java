package io.ladder.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordSourceTest {
    @TempDir Path dir;

    @Test
    void anUnsetOrEmptyVariableSaysWhereToExportIt() {
        assertThatThrownBy(() -> PasswordSource.resolve("PW", null, Map.of("PW", "")::get))
                .isInstanceOf(RedisStoreException.class)
                .hasMessageContaining("environment variable PW, which is not set (or empty)");
        assertThatThrownBy(() -> PasswordSource.resolve("PW", null, k -> null))
                .hasMessageContaining("export it");
    }

    @Test
    void aFileOfWhitespaceIsEmpty() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, " \n\t");

        assertThatThrownBy(() -> PasswordSource.resolve(null, file.toString(), k -> "x"))
                .isInstanceOf(RedisStoreException.class)
                .hasMessage("the Redis password file " + file + " is empty");
    }

    @Test
    void theSourceIsNamedNeverTheSecret() {
        assertThat(PasswordSource.describe("PW", null)).isEqualTo("environment variable PW");
        assertThat(PasswordSource.describe(null, "/run/pw")).isEqualTo("file /run/pw");
        assertThat(PasswordSource.describe(null, null)).isEqualTo("no password configured");
        assertThat(PasswordSource.label("PW", null)).isEqualTo("env:PW");
        assertThat(PasswordSource.label(null, "/run/pw")).isEqualTo("file:/run/pw");
        assertThat(PasswordSource.label(null, null)).isEqualTo("none");
    }
}
