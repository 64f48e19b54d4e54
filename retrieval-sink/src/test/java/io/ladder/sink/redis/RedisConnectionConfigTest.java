package io.ladder.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisConnectionConfigTest {
    @TempDir Path dir;

    @Test
    void passwordComesFromTheNamedVariableAndNeverShowsInToString() {
        RedisConnectionConfig config =
                RedisConnectionConfig.builder()
                        .standalone("redis.internal:6380")
                        .user("ladder")
                        .passwordFromEnv("LADDER_REDIS_PASSWORD")
                        .tls(true)
                        .build();

        assertThat(config.resolvePassword(Map.of("LADDER_REDIS_PASSWORD", "hunter2")::get))
                .isEqualTo("hunter2");
        assertThat(config.toString())
                .contains("env:LADDER_REDIS_PASSWORD", "redacted", "ladder", "tls=true")
                .doesNotContain("hunter2");
    }

    @Test
    void passwordFileIsReadAndStripped() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-file\n");
        RedisConnectionConfig config =
                RedisConnectionConfig.builder()
                        .standalone("h:1")
                        .passwordFromFile(file.toString())
                        .build();

        assertThat(config.resolvePassword(Map.<String, String>of()::get)).isEqualTo("from-file");
        assertThat(config.toString()).doesNotContain("from-file");
    }

    @Test
    void missingPasswordFileIsExplained() {
        RedisConnectionConfig config =
                RedisConnectionConfig.builder()
                        .standalone("h:1")
                        .passwordFromFile(dir.resolve("absent").toString())
                        .build();

        assertThatThrownBy(() -> config.resolvePassword(Map.<String, String>of()::get))
                .isInstanceOf(RedisStoreException.class)
                .hasMessageContaining("cannot read the Redis password file");
    }

    @Test
    void noPasswordConfiguredMeansNoAuth() {
        assertThat(RedisConnectionConfig.standalone("h:1").resolvePassword(k -> "x")).isNull();
    }

    @Test
    void buildSaysWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> RedisConnectionConfig.builder().build())
                .hasMessageContaining("standalone(\"host:port\")");
        assertThatThrownBy(() -> RedisConnectionConfig.builder().standalone("localhost").build())
                .hasMessageContaining("not host:port");
        assertThatThrownBy(
                        () ->
                                RedisConnectionConfig.builder()
                                        .standalone("h:1")
                                        .passwordFromEnv("A")
                                        .passwordFromFile("/b")
                                        .build())
                .hasMessageContaining("not both");
        assertThatThrownBy(
                        () ->
                                RedisConnectionConfig.builder()
                                        .cluster(List.of("a:1", "b:2"))
                                        .database(3)
                                        .build())
                .hasMessageContaining("only database 0");
        assertThatThrownBy(
                        () -> RedisConnectionConfig.builder().standalone("h:1").poolSize(0).build())
                .hasMessageContaining("poolSize");
    }

    @Test
    void clusterKeepsSeedNodes() {
        RedisConnectionConfig config =
                RedisConnectionConfig.builder().cluster(List.of("a:7000", "b:7001")).build();

        assertThat(config.mode()).isEqualTo(RedisConnectionConfig.Mode.CLUSTER);
        assertThat(config.nodes()).containsExactly("a:7000", "b:7001");
        assertThat(config.address()).isEqualTo("a:7000 (+1 more cluster nodes)");
    }
}
