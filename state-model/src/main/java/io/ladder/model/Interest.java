package io.ladder.model;

import java.util.Arrays;

/**
 * One of a user's interests: a retrieval vector (T concatenated unit heads, float[T*h]), its
 * importance weight as of {@link #lastUpdateMillis()} (decay it to "now" with the half-life), and
 * how many events it has absorbed. Mutated only by {@link UserModel}; readers get copies.
 */
public final class Interest {
    final float[] vector;
    double weight;
    long lastUpdateMillis;
    long eventCount;

    Interest(float[] vector, double weight, long lastUpdateMillis, long eventCount) {
        this.vector = vector;
        this.weight = weight;
        this.lastUpdateMillis = lastUpdateMillis;
        this.eventCount = eventCount;
    }

    /** A copy of the concatenated unit heads. */
    public float[] vector() {
        return vector.clone();
    }

    /** Weight as of {@link #lastUpdateMillis()}, before decay to any later time. */
    public double weight() {
        return weight;
    }

    public long lastUpdateMillis() {
        return lastUpdateMillis;
    }

    public long eventCount() {
        return eventCount;
    }

    Interest copy() {
        return new Interest(vector.clone(), weight, lastUpdateMillis, eventCount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interest other
                && Arrays.equals(vector, other.vector)
                && Double.compare(weight, other.weight) == 0
                && lastUpdateMillis == other.lastUpdateMillis
                && eventCount == other.eventCount;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(vector) + Long.hashCode(lastUpdateMillis);
    }
}
