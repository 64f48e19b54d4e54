package io.ladder.index;

import java.time.Clock;

/**
 * How the rebuilds of one {@link HnswItemIndex} run, as {@link HnswItemIndexBuilder} validated it:
 * threads for builds the caller waits for and for background ones, when a rebuild is due, the clock
 * that stamps each generation, and who hears of each build and swap.
 */
record RebuildSettings(
        int buildThreads,
        int backgroundBuildThreads,
        RebuildPolicy policy,
        Clock clock,
        RebuildListener listener) {}
