package io.ladder.sink.redis;

import static io.ladder.sink.testing.CandidateListFixtures.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.sink.RedisCandidateSink;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.sink.testing.TestWriterInitContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** redis-server speaking TLS only, with a certificate from a test CA. */
class RedisTlsITCase {
    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create().withTls();

    private static RedisConnectionConfig.Builder tls() {
        return RedisConnectionConfig.builder()
                .standalone(REDIS.address())
                .tls(true)
                .connectTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(2));
    }

    @Test
    void tlsWithTrustedCaWorksForWriterAndStore() throws Exception {
        RedisConnectionConfig config =
                tls().tlsCaCertificate(REDIS.caCertificate().toString()).build();
        RedisCandidateSink sink = RedisCandidateSink.builder().setConnection(config).build();
        try (var writer = sink.createWriter(new TestWriterInitContext())) {
            writer.write(list("t", 3), null);
            writer.flush(false);
        }
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(config, CandidateKeys.withDefaultPrefix())) {
            assertThat(store.topN("t", 1).orElseThrow().sequence()).isEqualTo(3);
        }
    }

    @Test
    void untrustedCertificateFailsClearly() {
        RedisConnectionConfig config = tls().build(); // JVM trust store: does not know the test CA

        assertThatThrownBy(config::connect)
                .isInstanceOf(RedisStoreException.class)
                .hasMessageContaining("TLS handshake with Redis at " + REDIS.address() + " failed")
                .hasMessageContaining("tlsCaCertificate");
    }

    @Test
    void plainConnectionToTlsPortFails() {
        RedisConnectionConfig config =
                RedisConnectionConfig.builder()
                        .standalone(REDIS.address())
                        .socketTimeout(Duration.ofSeconds(1))
                        .build();

        assertThatThrownBy(config::connect)
                .isInstanceOf(RedisStoreException.class)
                .hasMessageContaining("TLS off");
    }
}
