package io.ladder.index;

import java.util.Arrays;

/**
 * A binary heap of (float score, int node) pairs packed into one {@code long} each, so a push or
 * pop compares primitives and allocates nothing. {@link #bestFirst()} pops the highest score first
 * (the candidate queue of an HNSW search), {@link #worstFirst()} the lowest (its bounded result
 * set, whose top is the score a newcomer must beat). Equal scores pop in node order.
 *
 * <p>The packing: the score's sortable-int form in the high 32 bits, the node in the low 32, so
 * long order is score order, then node order. The best-first heap stores negated scores and pops
 * the smallest key, which is the same code path.
 */
final class NodeHeap {
    private final float sign;
    private long[] keys;
    private int size;

    private NodeHeap(float sign, int initialCapacity) {
        this.sign = sign;
        this.keys = new long[Math.max(1, initialCapacity)];
    }

    static NodeHeap bestFirst() {
        return new NodeHeap(-1f, 64);
    }

    static NodeHeap worstFirst() {
        return new NodeHeap(1f, 64);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    void push(float score, int node) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        long key = encode(sign * score, node);
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long p = keys[parent];
            if (p <= key) {
                break;
            }
            keys[i] = p;
            i = parent;
        }
        keys[i] = key;
    }

    /** Replaces the top with (score, node): a pop and a push in one sift. */
    void replaceTop(float score, int node) {
        keys[0] = encode(sign * score, node);
        siftDown();
    }

    float topScore() {
        return sign * decodeScore(keys[0]);
    }

    int topNode() {
        return (int) keys[0];
    }

    /** Removes the top and returns its node. */
    int pop() {
        int node = (int) keys[0];
        keys[0] = keys[--size];
        siftDown();
        return node;
    }

    private void siftDown() {
        long key = keys[0];
        int n = size;
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            long c = keys[child];
            if (child + 1 < n && keys[child + 1] < c) {
                c = keys[++child];
            }
            if (key <= c) {
                break;
            }
            keys[i] = c;
            i = child;
        }
        keys[i] = key;
    }

    static long encode(float score, int node) {
        int bits = Float.floatToIntBits(score);
        int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
        return ((long) sortable << 32) | (node & 0xffffffffL);
    }

    static float decodeScore(long key) {
        int sortable = (int) (key >> 32);
        return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & 0x7fffffff));
    }
}
