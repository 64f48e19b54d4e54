package io.ladder.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RebuildPolicyTest {
    final RebuildPolicy policy = new RebuildPolicy(100, Duration.ofMinutes(5));

    @Test
    void dueAfterEnoughChanges() {
        assertThat(policy.isDue(99, 0, 1, 0)).isFalse();
        assertThat(policy.isDue(100, 0, 1, 0)).isTrue();
    }

    @Test
    void dueAfterIntervalOnlyWithChanges() {
        long fiveMinutes = Duration.ofMinutes(5).toMillis();
        assertThat(policy.isDue(0, 0, fiveMinutes * 10, 0)).isFalse();
        assertThat(policy.isDue(1, 0, fiveMinutes - 1, 0)).isFalse();
        assertThat(policy.isDue(1, 0, fiveMinutes, 0)).isTrue();
    }

    @Test
    void dueAtOnceOnOverflow() {
        assertThat(policy.isDue(0, 0, 0, 1)).isTrue();
        assertThat(RebuildPolicy.onlyOnOverflow().isDue(1_000_000, 0, Long.MAX_VALUE / 2, 0))
                .isFalse();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RebuildPolicy(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RebuildPolicy(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
