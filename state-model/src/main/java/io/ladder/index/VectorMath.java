package io.ladder.index;

/**
 * The one dot product kernel, shared by exact and HNSW search so that their scores are
 * bit-identical and their speed comparison is fair.
 *
 * <p>Eight independent fused multiply-add chains: on the 2-core Xeon here this measured ~40 ns per
 * 96-d product over a flat 100k x 96 array versus ~45-75 ns for a single chain or four plain
 * multiply-add chains (HotSpot 17 does not vectorise float reductions). The Vector API was not
 * used: it needs {@code --add-modules jdk.incubator.vector} on every JVM, and exact search here is
 * bound by memory bandwidth rather than arithmetic.
 */
final class VectorMath {
    private VectorMath() {}

    static float dot(float[] a, float[] b) {
        return dot(a, b, 0, a.length);
    }

    /** Dot product of {@code a[0..dim)} with {@code b[offset..offset+dim)}. */
    static float dot(float[] a, float[] b, int offset, int dim) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int i = 0;
        for (; i + 7 < dim; i += 8) {
            int j = offset + i;
            s0 = Math.fma(a[i], b[j], s0);
            s1 = Math.fma(a[i + 1], b[j + 1], s1);
            s2 = Math.fma(a[i + 2], b[j + 2], s2);
            s3 = Math.fma(a[i + 3], b[j + 3], s3);
            s4 = Math.fma(a[i + 4], b[j + 4], s4);
            s5 = Math.fma(a[i + 5], b[j + 5], s5);
            s6 = Math.fma(a[i + 6], b[j + 6], s6);
            s7 = Math.fma(a[i + 7], b[j + 7], s7);
        }
        for (; i < dim; i++) {
            s0 = Math.fma(a[i], b[offset + i], s0);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Throws unless {@code vector} has {@code dimensions} finite components. */
    static void checkVector(float[] vector, int dimensions, String what) {
        if (vector == null) {
            throw new IllegalArgumentException(what + " vector is null");
        }
        if (vector.length != dimensions) {
            throw new IllegalArgumentException(
                    what + " vector has " + vector.length + " dimensions, index has " + dimensions);
        }
        for (float x : vector) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException(what + " vector has a non-finite component");
            }
        }
    }
}
