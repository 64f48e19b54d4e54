package io.ladder.jobs.user;

/**
 * Per-user bookkeeping of list emission (keyed state, a Flink POJO so fields can be added). Kept
 * apart from the model state so the coalescing policy can change without touching the model's
 * serialized form.
 */
public class EmissionState {
    /** Events of this user reflected so far; the sequence of the next list. */
    public long sequence;

    /** Event time of the newest event reflected. */
    public long asOf = Long.MIN_VALUE;

    /** Event time at which the last list was emitted (Long.MIN_VALUE: never). */
    public long lastEmitTime = Long.MIN_VALUE;

    /** Sequence of the last list emitted. */
    public long lastEmittedSequence = -1;

    /** Pending coalescing timer (event time), or Long.MIN_VALUE. */
    public long pendingTimer = Long.MIN_VALUE;

    /** Pending inactivity timer (event time), or Long.MIN_VALUE. */
    public long expiryTimer = Long.MIN_VALUE;

    /** Newest Kafka append time among the events reflected since the last list (freshness). */
    public long pendingAppendTime = Long.MIN_VALUE;

    public EmissionState() {}

    /** A copy: a heap state backend hands out the stored object itself. */
    public EmissionState copy() {
        EmissionState c = new EmissionState();
        c.sequence = sequence;
        c.asOf = asOf;
        c.lastEmitTime = lastEmitTime;
        c.lastEmittedSequence = lastEmittedSequence;
        c.pendingTimer = pendingTimer;
        c.expiryTimer = expiryTimer;
        c.pendingAppendTime = pendingAppendTime;
        return c;
    }

    public boolean hasUnpublishedEvents() {
        return sequence > lastEmittedSequence;
    }
}
