package io.ladder.train;

/** Training progress callbacks, called from the training thread. All methods default to no-ops. */
public interface TrainListener {
    TrainListener NONE = new TrainListener() {};

    /** Within an epoch: {@code done} of {@code total} examples, running mean loss. */
    default void progress(int epoch, int epochs, int done, int total, double loss) {}

    /** After an epoch's validation; {@code best} when it is the best so far (the one kept). */
    default void epochEnd(EpochStats stats, int epochs, boolean best) {}
}
