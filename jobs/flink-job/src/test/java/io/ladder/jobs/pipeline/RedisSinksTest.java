package io.ladder.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.jobs.config.RedisOptions;
import io.ladder.sink.RedisCandidateSinkBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job's {@code redis.*} options reach the candidate sink, and bad ones are refused. */
class RedisSinksTest {
    @Test
    void keysPerCallReachesTheSink() {
        assertThat(RedisSinks.toSink(RedisOptions.parse(Map.of())).toString())
                .contains("keysPerCall=" + RedisCandidateSinkBuilder.DEFAULT_KEYS_PER_CALL);
        assertThat(RedisSinks.toSink(RedisOptions.parse(Map.of("keys-per-call", "7"))).toString())
                .contains("keysPerCall=7");
    }

    @Test
    void anOutOfRangeKeysPerCallIsRefusedWithTheOptionsName() {
        assertThatThrownBy(
                        () -> RedisSinks.toSink(RedisOptions.parse(Map.of("keys-per-call", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("redis options:");
        assertThatThrownBy(
                        () ->
                                RedisSinks.toSink(
                                        RedisOptions.parse(Map.of("keys-per-call", "many"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--redis.keys-per-call");
    }
}
