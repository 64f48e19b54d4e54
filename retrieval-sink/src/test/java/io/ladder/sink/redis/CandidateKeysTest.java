package io.ladder.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CandidateKeysTest {
    @Test
    void defaultPrefix() {
        assertThat(CandidateKeys.withDefaultPrefix().key("u42")).isEqualTo("ladder:cand:u42");
    }

    @Test
    void customPrefixAndUtf8Bytes() {
        CandidateKeys keys = CandidateKeys.withPrefix("exp7:c:");
        assertThat(keys.key("ü")).isEqualTo("exp7:c:ü");
        assertThat(keys.keyBytes("ü")).isEqualTo("exp7:c:ü".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hashTagInPrefixIsRejectedBecauseItWouldPutAllUsersInOneSlot() {
        assertThatThrownBy(() -> CandidateKeys.withPrefix("{ladder}:cand:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hash slot");
    }

    @Test
    void emptyPrefixAndUserAreRejected() {
        assertThatThrownBy(() -> CandidateKeys.withPrefix(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CandidateKeys.withDefaultPrefix().key(""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
