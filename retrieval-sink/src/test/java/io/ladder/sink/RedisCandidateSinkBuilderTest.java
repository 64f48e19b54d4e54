package io.ladder.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.sink.redis.RedisConnectionConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisCandidateSinkBuilderTest {
    private static RedisCandidateSinkBuilder valid() {
        return RedisCandidateSink.builder()
                .setConnection(RedisConnectionConfig.standalone("127.0.0.1:6379"));
    }

    @Test
    void defaultsKeepListsFreshWithoutCheckpoints() {
        RedisCandidateSink sink = valid().build();

        assertThat(sink.linger()).isLessThanOrEqualTo(Duration.ofMillis(50));
        assertThat(sink.keys().prefix()).isEqualTo("ladder:cand:");
        assertThat(sink.batchSize()).isEqualTo(RedisCandidateSinkBuilder.DEFAULT_BATCH_SIZE);
        assertThat(sink.ttl()).isEqualTo(RedisCandidateSinkBuilder.DEFAULT_TTL);
        assertThat(sink.keysPerCall()).isEqualTo(RedisCandidateSinkBuilder.DEFAULT_KEYS_PER_CALL);
    }

    @Test
    void missingConnectionSaysHowToSetIt() {
        assertThatThrownBy(() -> RedisCandidateSink.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setConnection(RedisConnectionConfig.builder()");
    }

    @Test
    void badOptionsAreRejectedWithTheirRange() {
        assertThatThrownBy(() -> valid().setBatchSize(0).build())
                .hasMessageContaining("between 1 and 100000");
        assertThatThrownBy(() -> valid().setLinger(Duration.ZERO).build())
                .hasMessageContaining("linger must be > 0");
        assertThatThrownBy(() -> valid().setTtl(Duration.ofMillis(10)).build())
                .hasMessageContaining("at least 1 s");
        assertThatThrownBy(() -> valid().setTtl(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("TTL must be >= 0");
        assertThatThrownBy(() -> valid().setMaxRetries(-1).build())
                .hasMessageContaining("maxRetries");
        assertThatThrownBy(
                        () ->
                                valid().setRetryBackoff(
                                                Duration.ofSeconds(2), Duration.ofSeconds(1))
                                        .build())
                .hasMessageContaining("0 < initial <= max");
        assertThatThrownBy(() -> valid().setKeyPrefix("{all}:").build())
                .hasMessageContaining("hash slot");
        assertThatThrownBy(() -> valid().setMaxInFlightBatches(0).build())
                .hasMessageContaining("maxInFlightBatches");
        assertThatThrownBy(() -> valid().setKeysPerCall(0).build())
                .hasMessageContaining("keys per call must be between 1 and 1000");
        assertThatThrownBy(() -> valid().setKeysPerCall(1001).build())
                .hasMessageContaining("keys per call must be between 1 and 1000");
        assertThat(valid().setKeysPerCall(1).build().keysPerCall()).isEqualTo(1);
    }
}
