package io.ladder.index;

/** Callbacks from {@link HnswItemIndex} rebuilds, on the rebuilding thread. Must not block long. */
public interface RebuildListener {
    RebuildListener NONE = new RebuildListener() {};

    /**
     * The new graph is built and the old one still serves: both are in memory, the peak of a
     * rebuild. Changes that arrived during the build are replayed after this call.
     */
    default void graphBuilt(long version, int vectors, long buildNanos) {}

    /** The new graph serves; {@code replayed} changes that arrived during the build went in. */
    default void swapped(long version, int replayed, long totalNanos) {}
}
