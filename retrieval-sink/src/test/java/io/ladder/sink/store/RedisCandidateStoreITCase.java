package io.ladder.sink.store;

import static io.ladder.sink.testing.CandidateListFixtures.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.schemas.codec.InvalidRecordException;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.CandidateValue;
import io.ladder.sink.redis.RedisConnectionConfig;
import io.ladder.sink.testing.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** The store contract against a real redis-server, plus what only Redis has (TTL, raw value). */
class RedisCandidateStoreITCase extends CandidateStoreContractTest {
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static final CandidateKeys KEYS = CandidateKeys.withPrefix("test:cand:");

    @Override
    protected CandidateStore createStore(Clock clock) {
        return RedisCandidateStore.connect(
                RedisConnectionConfig.standalone(REDIS.address()),
                KEYS,
                Duration.ofHours(1),
                clock);
    }

    @Test
    void storesHeaderPlusAvroUnderPrefixedKeyWithTtl() {
        String user = newUser();
        store.put(list(user, 77, 100));

        try (RedisClient raw = RedisClient.create(REDIS.host(), REDIS.port())) {
            byte[] key = ("test:cand:" + user).getBytes(StandardCharsets.UTF_8);
            byte[] value = raw.get(key);
            assertThat(value[0]).isEqualTo(CandidateValue.FORMAT_V1);
            assertThat(CandidateValue.sequence(value)).isEqualTo(77);
            assertThat(value[9]).isEqualTo((byte) 0xC3);
            assertThat(value[10]).isEqualTo((byte) 0x01);
            assertThat(raw.pttl(key)).isBetween(3_500_000L, 3_600_000L);
            assertThat(raw.memoryUsage(key)).isLessThanOrEqualTo(2048L);
        }
    }

    @Test
    void readerRejectsForeignValueWithClearMessage() {
        String user = newUser();
        try (RedisClient raw = RedisClient.create(REDIS.host(), REDIS.port())) {
            raw.set("test:cand:" + user, "hello world, not a list");
        }
        assertThatThrownBy(() -> store.topN(user, 5))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("unknown candidate value format");
    }

    @Test
    void writerReplacesForeignValue() {
        String user = newUser();
        try (RedisClient raw = RedisClient.create(REDIS.host(), REDIS.port())) {
            raw.set("test:cand:" + user, "legacy");
        }
        assertThat(store.put(list(user, 1))).isTrue();
        assertThat(store.topN(user, 1).orElseThrow().sequence()).isEqualTo(1);
    }
}
