package io.ladder.sink.redis;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionChecksTest {
    @Test
    void hostAndPortNeedsAHostAndAPortFrom1To65535() {
        for (String ok : new String[] {"h:1", "h:65535", "::1:6379", "10.0.0.1:6379"}) {
            assertThatCode(() -> ConnectionChecks.hostAndPort(ok)).doesNotThrowAnyException();
        }
        for (String bad : new String[] {null, "h", "h:", ":1", "h:0", "h:65536", "h:x", "h:-1"}) {
            assertThatThrownBy(() -> ConnectionChecks.hostAndPort(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "Redis address '" + bad + "' is not host:port, e.g. 127.0.0.1:6379");
        }
    }

    @Test
    void timeoutsArePositiveAndFitJedisIntMillis() {
        assertThatCode(() -> ConnectionChecks.timeout("t", Duration.ofMillis(Integer.MAX_VALUE)))
                .doesNotThrowAnyException();
        for (Duration bad :
                new Duration[] {
                    null,
                    Duration.ZERO,
                    Duration.ofMillis(-1),
                    Duration.ofMillis(Integer.MAX_VALUE + 1L)
                }) {
            assertThatThrownBy(() -> ConnectionChecks.timeout("socketTimeout", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("socketTimeout must be a positive duration (e.g. 2 s), got " + bad);
        }
    }

    @Test
    void databaseIsNonNegativeAndOnlyZeroInACluster() {
        assertThatCode(() -> ConnectionChecks.database(RedisConnectionConfig.Mode.STANDALONE, 15))
                .doesNotThrowAnyException();
        assertThatThrownBy(
                        () -> ConnectionChecks.database(RedisConnectionConfig.Mode.STANDALONE, -1))
                .hasMessage("database must be >= 0, got -1");
        assertThatThrownBy(() -> ConnectionChecks.database(RedisConnectionConfig.Mode.CLUSTER, 2))
                .hasMessage("Redis Cluster has only database 0: remove database(2)");
    }

    @Test
    void aPasswordSourceIsOneNamedVariableOrFile() {
        assertThatCode(() -> ConnectionChecks.passwordSource(null, null))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ConnectionChecks.passwordSource("A", "/b"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ConnectionChecks.passwordSource(" ", null))
                .hasMessageContaining("needs the variable's name");
        assertThatThrownBy(() -> ConnectionChecks.passwordSource(null, ""))
                .hasMessage("passwordFromFile needs a file path");
    }
}
