package io.ladder.jobs.ingest;

import io.ladder.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Builds dead letters with the record's bytes, coordinates and reason. */
public final class DeadLetters {
    public static final String STAGE_DECODE = "decode";
    public static final String STAGE_VALIDATE = "validate";

    private DeadLetters() {}

    public static DeadLetter of(
            ConsumerRecord<byte[], byte[]> record, String stage, String reason) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        return DeadLetter.newBuilder()
                .setOriginal(ByteBuffer.wrap(value))
                .setOriginalKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setStage(stage)
                .setReason(reason)
                .setTime(Instant.now())
                .build();
    }
}
