package io.ladder.jobs.ingest;

import io.ladder.schemas.UserEvent;

/**
 * A user event as it flows between operators: a Flink POJO (fast, evolvable PojoSerializer), not
 * the Avro class, which Flink would hand to Kryo. A record the source rejected carries its encoded
 * {@code DeadLetter} in {@link #rejection} and nothing else.
 */
public class EventRecord {
    public String eventId;
    public String userId;
    public String itemId;

    /** Null when the producer did not send one. */
    public String categoryId;

    /** 1 = CLICK, 2 = CART, 3 = PURCHASE. */
    public int level;

    public long eventTime;

    /** Kafka append time: where the freshness clock starts. */
    public long appendTime;

    /** Where it was read from (partition, offset), for a dead letter if processing it fails. */
    public int sourcePartition = -1;

    public long sourceOffset = -1;

    /** Encoded DeadLetter (single-object Avro) when the record was rejected, else null. */
    public byte[] rejection;

    /** The rejected record's Kafka key, for the dead-letter topic. */
    public byte[] rejectionKey;

    public EventRecord() {}

    public static EventRecord of(UserEvent event, long appendTime) {
        EventRecord r = new EventRecord();
        r.eventId = event.getEventId();
        r.userId = event.getUserId();
        r.itemId = event.getItemId();
        r.categoryId = event.getCategoryId();
        r.level = Levels.of(event.getType());
        r.eventTime = event.getEventTime().toEpochMilli();
        r.appendTime = appendTime;
        return r;
    }

    public static EventRecord rejected(byte[] deadLetter, byte[] key) {
        EventRecord r = new EventRecord();
        r.rejection = deadLetter;
        r.rejectionKey = key;
        return r;
    }

    public boolean isRejected() {
        return rejection != null;
    }

    @Override
    public String toString() {
        return isRejected()
                ? "EventRecord{rejected}"
                : "EventRecord{"
                        + eventId
                        + " user="
                        + userId
                        + " item="
                        + itemId
                        + " level="
                        + level
                        + " t="
                        + eventTime
                        + "}";
    }
}
