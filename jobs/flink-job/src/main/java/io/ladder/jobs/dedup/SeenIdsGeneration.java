package io.ladder.jobs.dedup;

/**
 * Per-user bookkeeping of the two generations of seen event ids (keyed state, a Flink POJO so
 * fields can be added): which one new ids go to, and how many it holds.
 */
public class SeenIdsGeneration {
    /**
     * The generation new ids go to: 0 is {@code seen-event-ids}, 1 {@code seen-event-ids-second}.
     */
    public int current;

    /** Ids put into the current generation since it became current. */
    public int size;

    public SeenIdsGeneration() {}
}
