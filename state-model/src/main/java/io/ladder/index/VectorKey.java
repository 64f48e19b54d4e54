package io.ladder.index;

import java.util.Arrays;

/** Hash key by vector content, to find the group of an exact duplicate vector. */
final class VectorKey {
    private final float[] vector;
    private final int hash;

    VectorKey(float[] vector) {
        this.vector = vector;
        this.hash = Arrays.hashCode(vector);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorKey other
                && hash == other.hash
                && Arrays.equals(vector, other.vector);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
