package io.ladder.jobs.pipeline;

import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.ingest.UserEventDecoder;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * {@link UserEventDecoder} inside the Kafka source, so the watermark strategy sees event times per
 * partition.
 */
public final class UserEventDeserializer implements KafkaRecordDeserializationSchema<EventRecord> {
    private transient UserEventDecoder decoder;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<EventRecord> out) {
        out.collect(decode(record));
    }

    public EventRecord decode(ConsumerRecord<byte[], byte[]> record) {
        if (decoder == null) {
            decoder = new UserEventDecoder();
        }
        return decoder.decode(record);
    }

    @Override
    public TypeInformation<EventRecord> getProducedType() {
        return TypeInformation.of(EventRecord.class);
    }
}
