package io.ladder.index;

/** Graph parameters shared by every generation of one {@link HnswItemIndex}. */
record HnswParams(
        int dimensions, int m, int efConstruction, int ef, int minHeadroom, boolean prefetch) {

    /** Free node slots to leave in a graph over {@code distinct} vectors for live inserts. */
    int headroom(int distinct) {
        return Math.max(minHeadroom, distinct / 2);
    }
}
