package io.ladder.sink.redis;

import static io.ladder.sink.testing.CandidateListFixtures.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.testing.RedisServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** redis-server with an ACL file: a named user limited to the candidate key prefix. */
class RedisAclITCase {
    @RegisterExtension
    static final RedisServerExtension REDIS =
            RedisServerExtension.create()
                    .withAclLines(
                            "user default off",
                            // the two roles exactly as STORE.md documents them
                            "user ladder-sink on >sink-Pass-7 ~ladder:cand:* +ping +get +getrange"
                                    + " +set +eval +evalsha +client|setname",
                            "user ladder-serving on >serve-Pass-8 ~ladder:cand:* +ping +get"
                                    + " +client|setname");

    @TempDir Path dir;

    private RedisConnectionConfig as(String user, String password) throws IOException {
        Path file = dir.resolve("password-" + user);
        Files.writeString(file, password);
        return RedisConnectionConfig.builder()
                .standalone(REDIS.address())
                .user(user)
                .passwordFromFile(file.toString())
                .build();
    }

    @Test
    void rightUserAndPasswordWork() throws IOException {
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        as("ladder-sink", "sink-Pass-7"), CandidateKeys.withDefaultPrefix())) {
            assertThat(store.put(list("u", 1))).isTrue();
            assertThat(store.topN("u", 1).orElseThrow().sequence()).isEqualTo(1);
        }
    }

    @Test
    void servingUserReadsButCannotWrite() throws IOException {
        try (RedisCandidateStore sink =
                        RedisCandidateStore.connect(
                                as("ladder-sink", "sink-Pass-7"),
                                CandidateKeys.withDefaultPrefix());
                RedisCandidateStore serving =
                        RedisCandidateStore.connect(
                                as("ladder-serving", "serve-Pass-8"),
                                CandidateKeys.withDefaultPrefix())) {
            sink.put(list("s", 4));
            assertThat(serving.topN("s", 3).orElseThrow().sequence()).isEqualTo(4);
            assertThatThrownBy(() -> serving.put(list("s", 5)))
                    .isInstanceOf(RedisStoreException.class)
                    .hasMessageContaining("denied ACL user 'ladder-serving'");
        }
    }

    @Test
    void sinkWriterWorksWithTheDocumentedAcl() throws Exception {
        io.ladder.sink.RedisCandidateSink sinkDef =
                io.ladder.sink.RedisCandidateSink.builder()
                        .setConnection(as("ladder-sink", "sink-Pass-7"))
                        .build();
        try (var writer =
                sinkDef.createWriter(new io.ladder.sink.testing.TestWriterInitContext())) {
            writer.write(list("w", 2), null);
            writer.write(list("w", 1), null);
            writer.write(list("x", 1), null); // w and x in one batch script call
            writer.flush(false);
        }
        try (RedisCandidateStore serving =
                RedisCandidateStore.connect(
                        as("ladder-serving", "serve-Pass-8"), CandidateKeys.withDefaultPrefix())) {
            assertThat(serving.topN("w", 1).orElseThrow().sequence()).isEqualTo(2);
            assertThat(serving.topN("x", 1).orElseThrow().sequence()).isEqualTo(1);
        }
    }

    @Test
    void wrongPasswordOfAclUserFailsClearly() throws IOException {
        RedisConnectionConfig config = as("ladder-sink", "sink-pass-7");

        assertThatThrownBy(
                        () ->
                                RedisCandidateStore.connect(
                                        config, CandidateKeys.withDefaultPrefix()))
                .isInstanceOf(RedisStoreException.class)
                .hasMessageContaining("rejected the credentials of ACL user 'ladder-sink'")
                .hasMessageNotContaining("sink-pass-7");
    }

    @Test
    void unknownUserFailsClearly() throws IOException {
        RedisConnectionConfig config = as("nobody", "sink-Pass-7");

        assertThatThrownBy(
                        () ->
                                RedisCandidateStore.connect(
                                        config, CandidateKeys.withDefaultPrefix()))
                .isInstanceOf(RedisStoreException.class)
                .hasMessageContaining("rejected the credentials of ACL user 'nobody'");
    }

    @Test
    void keysOutsideTheUsersPatternAreDeniedClearly() throws IOException {
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        as("ladder-sink", "sink-Pass-7"), CandidateKeys.withPrefix("other:"))) {
            assertThatThrownBy(() -> store.put(list("u", 1)))
                    .isInstanceOf(RedisStoreException.class)
                    .hasMessageContaining("denied ACL user 'ladder-sink'")
                    .hasMessageContaining("NOPERM");
        }
    }
}
