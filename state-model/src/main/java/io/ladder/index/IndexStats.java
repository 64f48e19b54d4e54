package io.ladder.index;

/**
 * What an {@link HnswItemIndex} holds now, for metrics and tests.
 *
 * @param items items in the table (the source of truth)
 * @param vectors distinct vectors among them (graph nodes plus overflow)
 * @param graphNodes nodes in the serving graph that are not deleted
 * @param deletedNodes nodes deleted since the last build (still traversed, never returned)
 * @param overflowGroups distinct vectors that did not fit the graph and are scanned exactly
 * @param unreachableNodes graph nodes no link reached at the last build (HNSW pruning orphaned
 *     them), scanned exactly
 * @param capacity node slots of the serving graph
 * @param version version of the serving graph
 * @param builtAtMillis when the serving graph was swapped in
 * @param changesSinceBuild upserts and removals since then
 * @param rebuilding whether a rebuild is in progress
 */
public record IndexStats(
        int items,
        int vectors,
        int graphNodes,
        int deletedNodes,
        int overflowGroups,
        int unreachableNodes,
        int capacity,
        long version,
        long builtAtMillis,
        long changesSinceBuild,
        boolean rebuilding) {}
