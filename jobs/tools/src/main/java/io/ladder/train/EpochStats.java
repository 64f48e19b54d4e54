package io.ladder.train;

/**
 * One epoch of training.
 *
 * @param epoch 1-based
 * @param loss mean training loss per example (positives and sampled negatives)
 * @param heldOut per-level AUCs on the held-out part after the epoch (NaN fields without one)
 * @param seconds wall time of the epoch, sampling and validation included
 */
public record EpochStats(int epoch, double loss, LevelAucs heldOut, double seconds) {}
