package io.ladder.jobs.ingest;

/** A dead letter on its way to the dead-letter topic: the encoded DeadLetter and its key. */
public class RejectedRecord {
    /** Kafka key of the rejected record (may be null). */
    public byte[] key;

    /** Single-object encoded {@code DeadLetter}. */
    public byte[] deadLetter;

    public RejectedRecord() {}

    public RejectedRecord(byte[] key, byte[] deadLetter) {
        this.key = key;
        this.deadLetter = deadLetter;
    }
}
