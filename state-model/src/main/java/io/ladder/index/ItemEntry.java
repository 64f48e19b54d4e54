package io.ladder.index;

/**
 * One row of the HNSW index's item table, immutable. The vector array is owned by the index and
 * never written after construction, so graphs of two generations can share it.
 */
record ItemEntry(String id, float[] vector, float popularity) {}
