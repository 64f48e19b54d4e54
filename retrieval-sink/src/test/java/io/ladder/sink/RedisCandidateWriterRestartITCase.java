package io.ladder.sink;

import static io.ladder.sink.testing.CandidateListFixtures.firstItem;
import static io.ladder.sink.testing.CandidateListFixtures.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.RedisConnectionConfig;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.store.StoredCandidates;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.sink.testing.TestWriterInitContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis stops and starts again (same port, empty) while the writer keeps writing. */
class RedisCandidateWriterRestartITCase {
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static final int USERS = 200;
    private static final int ROUNDS = 30;
    private static final int RESTART_AFTER_ROUND = 10;

    @Test
    void writerRecoversAndLatestListOfEveryUserIsThere() throws Exception {
        RedisConnectionConfig connection =
                RedisConnectionConfig.builder()
                        .standalone(REDIS.address())
                        .connectTimeout(Duration.ofMillis(500))
                        .socketTimeout(Duration.ofSeconds(2))
                        .build();
        RedisCandidateSink sink =
                RedisCandidateSink.builder()
                        .setConnection(connection)
                        .setKeyPrefix("restart:")
                        .setBatchSize(50)
                        .setLinger(Duration.ofMillis(20))
                        .setMaxRetries(40)
                        .setRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                        .build();
        CompletableFuture<Void> restarted = null;
        try (RedisCandidateWriter writer =
                (RedisCandidateWriter) sink.createWriter(new TestWriterInitContext())) {
            for (int round = 1; round <= ROUNDS; round++) {
                for (int u = 0; u < USERS; u++) {
                    writer.write(list("user" + u, round, 20), null);
                }
                if (round == RESTART_AFTER_ROUND) {
                    writer.flush(false);
                    REDIS.stop();
                    // comes back after the writer met the outage with lists in flight
                    restarted =
                            CompletableFuture.runAsync(
                                    () -> {
                                        sleep(1_000);
                                        REDIS.start();
                                    });
                } else if (round == RESTART_AFTER_ROUND + 1) {
                    // the writer has to reconnect; new rounds keep coming meanwhile
                } else {
                    Thread.sleep(5);
                }
            }
            restarted.join();
            writer.flush(true);

            assertThat(writer.metrics().retries.getCount())
                    .as("batches were retried during the outage")
                    .isPositive();
            assertThat(writer.asyncError()).isNull();
        }

        try (RedisCandidateStore store =
                RedisCandidateStore.connect(connection, CandidateKeys.withPrefix("restart:"))) {
            for (int u = 0; u < USERS; u++) {
                String user = "user" + u;
                StoredCandidates got = store.topN(user, 1).orElse(null);
                assertThat(got).as(user).isNotNull();
                assertThat(got.sequence()).as(user).isEqualTo(ROUNDS);
                assertThat(got.candidates().get(0).getItemId()).isEqualTo(firstItem(user, ROUNDS));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
