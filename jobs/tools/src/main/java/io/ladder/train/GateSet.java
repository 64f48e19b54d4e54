package io.ladder.train;

/**
 * What the quality gate scores towers on: a training run's window (its training pairs, to fit users
 * to a tower) and its held-out pairs, with the run's negatives setting and seed so that every tower
 * is fitted and scored on the same examples.
 */
final class GateSet {
    static final GateSet EMPTY = new GateSet(null, null, 0, 0, 0);

    final TrainingWindow window;
    final HeldOutSet heldOut;
    final int negatives;
    final double popularityExponent;
    final long seed;

    GateSet(
            TrainingWindow window,
            HeldOutSet heldOut,
            int negatives,
            double popularityExponent,
            long seed) {
        this.window = window;
        this.heldOut = heldOut;
        this.negatives = negatives;
        this.popularityExponent = popularityExponent;
        this.seed = seed;
    }

    static GateSet of(TrainingWindow w, HeldOutSet heldOut, TrainConfig config) {
        return new GateSet(
                w, heldOut, config.negatives(), config.popularityExponent(), config.seed());
    }

    int size() {
        return heldOut == null ? 0 : heldOut.size();
    }
}
