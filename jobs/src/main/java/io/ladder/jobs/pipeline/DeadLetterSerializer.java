package io.ladder.jobs.pipeline;

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
        return new ProducerRecord<>(topic, null, timestamp, record.key, record.deadLetter);
    }
}
