package io.ladder.jobs.pipeline;

import io.ladder.jobs.ingest.DeadLetters;
import io.ladder.jobs.ingest.RejectedRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes dead letters to their topic keyed like the record they came from. */
final class DeadLetterSerializer implements KafkaRecordSerializationSchema<RejectedRecord> {
    private final String topic;

    DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            RejectedRecord record, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, key(record.key), record.deadLetter);
    }

    /**
     * The rejected record's key, cut to {@link DeadLetters#MAX_KEY_BYTES}: it only spreads dead
     * letters over partitions, and a key near the broker's limit must not make the dead letter
     * unsendable (the whole key's length and hash are inside the dead letter).
     */
    static byte[] key(byte[] original) {
        return original == null || original.length <= DeadLetters.MAX_KEY_BYTES
                ? original
                : java.util.Arrays.copyOf(original, DeadLetters.MAX_KEY_BYTES);
    }
}
