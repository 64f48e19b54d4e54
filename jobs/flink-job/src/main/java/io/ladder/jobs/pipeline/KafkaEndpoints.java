package io.ladder.jobs.pipeline;

import io.ladder.jobs.config.KafkaSettings;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.ingest.RejectedRecord;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The job's Kafka sources and sinks, built from configuration only (security included). */
public final class KafkaEndpoints {
    private KafkaEndpoints() {}

    public static KafkaSource<EventRecord> eventsSource(KafkaSettings kafka) {
        return KafkaSource.<EventRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.eventsTopic())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(offsets(kafka.startingOffsets()))
                .setDeserializer(new UserEventDeserializer())
                .setProperties(kafka.properties())
                .build();
    }

    /**
     * The items topic is compacted and read from the beginning on a fresh start: the whole
     * catalogue and the current ModelInfo must be known before lists mean anything.
     */
    public static KafkaSource<CatalogRecord> catalogSource(KafkaSettings kafka) {
        return KafkaSource.<CatalogRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.itemsTopic())
                .setGroupId(kafka.groupId() + "-catalog")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new CatalogDeserializer())
                .setProperties(kafka.properties())
                .build();
    }

    public static KafkaSink<RejectedRecord> deadLetterSink(KafkaSettings kafka) {
        return KafkaSink.<RejectedRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(kafka.properties())
                .setRecordSerializer(new DeadLetterSerializer(kafka.deadLetterTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static OffsetsInitializer offsets(String mode) {
        return switch (mode) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }
}
