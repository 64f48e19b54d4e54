package io.ladder.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A catalogue's item vectors and a sample of real retrieval queries, in one file, so the index
 * benchmark can measure search on the query distribution the job serves (users' interest vectors
 * against the trained item tower) rather than on synthetic clusters. Written by {@code
 * scripts/evaluate --dump-queries FILE}, read by {@code scripts/bench-index --queries FILE}.
 *
 * <p>Layout (big-endian, as {@link DataOutputStream} writes): the magic {@code LADQ}, a format
 * version int (1), the dimension, the item count and the query count (ints), then each item's
 * vector and each query's vector as {@code dimension} floats. Item ids are not kept: a benchmark
 * needs only the vectors, and an id of a real catalogue is not ours to copy around.
 *
 * @param items one vector per catalogue item
 * @param queries one vector per sampled interest query
 */
public record QuerySet(int dimension, float[][] items, float[][] queries) {
    private static final int MAGIC = 0x4C414451; // "LADQ"
    private static final int VERSION = 1;

    /** Largest count either section may declare: a corrupt header must not allocate gigabytes. */
    static final int MAX_VECTORS = 50_000_000;

    static final int MAX_DIMENSION = 4096;

    public QuerySet {
        check(items, dimension, "item");
        check(queries, dimension, "query");
    }

    public void write(Path file) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(dimension);
            out.writeInt(items.length);
            out.writeInt(queries.length);
            writeAll(out, items);
            writeAll(out, queries);
        }
    }

    public static QuerySet read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a query set (no LADQ header)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + " has query-set version " + version + ", not 1");
            }
            int dimension = in.readInt();
            int items = in.readInt();
            int queries = in.readInt();
            if (dimension < 1 || dimension > MAX_DIMENSION) {
                throw new IOException(file + ": dimension " + dimension + " out of range");
            }
            if (items < 0 || items > MAX_VECTORS || queries < 0 || queries > MAX_VECTORS) {
                throw new IOException(
                        file
                                + ": counts "
                                + items
                                + " items, "
                                + queries
                                + " queries out of range");
            }
            return new QuerySet(
                    dimension, readAll(in, items, dimension), readAll(in, queries, dimension));
        }
    }

    private static void writeAll(DataOutputStream out, float[][] vectors) throws IOException {
        for (float[] v : vectors) {
            for (float x : v) {
                out.writeFloat(x);
            }
        }
    }

    private static float[][] readAll(DataInputStream in, int n, int dimension) throws IOException {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] v = new float[dimension];
            for (int k = 0; k < dimension; k++) {
                v[k] = in.readFloat();
            }
            out[i] = v;
        }
        return out;
    }

    private static void check(float[][] vectors, int dimension, String what) {
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dimension) {
                throw new IllegalArgumentException(
                        what
                                + " "
                                + i
                                + " has "
                                + vectors[i].length
                                + " floats, the set's dimension is "
                                + dimension);
            }
        }
    }
}
