package io.ladder.index;

import java.time.Duration;

/**
 * When a background rebuild is due: after {@code maxChanges} upserts/removals since the serving
 * graph was built, or when {@code maxInterval} has passed and at least one change arrived, or at
 * once when the graph ran out of capacity and new vectors wait in the exact-scan overflow.
 */
public record RebuildPolicy(long maxChanges, Duration maxInterval) {
    /** 10,000 changes or 10 minutes. */
    public static final RebuildPolicy DEFAULT = new RebuildPolicy(10_000, Duration.ofMinutes(10));

    public RebuildPolicy {
        if (maxChanges < 1) {
            throw new IllegalArgumentException("maxChanges must be >= 1, was " + maxChanges);
        }
        if (maxInterval == null || maxInterval.isNegative() || maxInterval.isZero()) {
            throw new IllegalArgumentException("maxInterval must be positive, was " + maxInterval);
        }
    }

    /** Rebuild only when the graph overflows (tests and deterministic replay). */
    public static RebuildPolicy onlyOnOverflow() {
        return new RebuildPolicy(Long.MAX_VALUE, Duration.ofMillis(Long.MAX_VALUE));
    }

    public boolean isDue(
            long changesSinceBuild, long builtAtMillis, long nowMillis, int overflowGroups) {
        if (overflowGroups > 0 || changesSinceBuild >= maxChanges) {
            return true;
        }
        return changesSinceBuild > 0 && nowMillis - builtAtMillis >= maxInterval.toMillis();
    }
}
