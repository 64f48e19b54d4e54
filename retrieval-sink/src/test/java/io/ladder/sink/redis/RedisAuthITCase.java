package io.ladder.sink.redis;

import static io.ladder.sink.testing.CandidateListFixtures.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.sink.RedisCandidateSink;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.sink.testing.TestWriterInitContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** redis-server with {@code requirepass}: the default user needs the password. */
class RedisAuthITCase {
    private static final String PASSWORD = "s3cret-Pass-42";

    @RegisterExtension
    static final RedisServerExtension REDIS =
            RedisServerExtension.create().withRequirePass(PASSWORD);

    @TempDir Path dir;

    private RedisConnectionConfig withPasswordFile(String password) throws IOException {
        Path file = dir.resolve("redis-password");
        Files.writeString(file, password + "\n");
        return RedisConnectionConfig.builder()
                .standalone(REDIS.address())
                .passwordFromFile(file.toString())
                .build();
    }

    @Test
    void rightPasswordFromFileWorks() throws IOException {
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        withPasswordFile(PASSWORD), CandidateKeys.withDefaultPrefix())) {
            assertThat(store.put(list("u", 3))).isTrue();
            assertThat(store.topN("u", 5).orElseThrow().sequence()).isEqualTo(3);
        }
    }

    @Test
    void wrongPasswordFailsWithClearMessageThatHidesTheSecret() throws IOException {
        RedisConnectionConfig config = withPasswordFile("guessed-wrong");

        assertThatThrownBy(
                        () ->
                                RedisCandidateStore.connect(
                                        config, CandidateKeys.withDefaultPrefix()))
                .isInstanceOf(RedisStoreException.class)
                .hasMessageContaining("rejected the credentials of the default user")
                .hasMessageContaining("file " + dir.resolve("redis-password"))
                .hasMessageNotContaining("guessed-wrong");
    }

    @Test
    void missingPasswordFailsWithClearMessage() {
        RedisConnectionConfig config = RedisConnectionConfig.standalone(REDIS.address());

        assertThatThrownBy(
                        () ->
                                RedisCandidateStore.connect(
                                        config, CandidateKeys.withDefaultPrefix()))
                .isInstanceOf(RedisStoreException.class)
                .hasMessageContaining("requires authentication (NOAUTH)")
                .hasMessageContaining("passwordFromEnv or passwordFromFile");
    }

    @Test
    void unsetPasswordVariableFailsWithClearMessage() {
        RedisConnectionConfig config =
                RedisConnectionConfig.builder()
                        .standalone(REDIS.address())
                        .passwordFromEnv("LADDER_TEST_UNSET_REDIS_PASSWORD")
                        .build();

        assertThatThrownBy(config::connect)
                .isInstanceOf(RedisStoreException.class)
                .hasMessageContaining("environment variable LADDER_TEST_UNSET_REDIS_PASSWORD")
                .hasMessageContaining("not set");
    }

    @Test
    void sinkWriterWithWrongPasswordFailsAtStart() throws IOException {
        RedisCandidateSink sink =
                RedisCandidateSink.builder().setConnection(withPasswordFile("nope")).build();

        assertThatThrownBy(() -> sink.createWriter(new TestWriterInitContext()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("rejected the credentials")
                .hasMessageNotContaining("nope");
    }

    @Test
    void sinkWriterWithRightPasswordWrites() throws Exception {
        RedisCandidateSink sink =
                RedisCandidateSink.builder()
                        .setConnection(withPasswordFile(PASSWORD))
                        .setKeyPrefix("auth:")
                        .build();
        try (var writer = sink.createWriter(new TestWriterInitContext())) {
            writer.write(list("w", 1), null);
            writer.flush(false);
        }
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        withPasswordFile(PASSWORD), CandidateKeys.withPrefix("auth:"))) {
            assertThat(store.topN("w", 1)).isPresent();
        }
    }
}
