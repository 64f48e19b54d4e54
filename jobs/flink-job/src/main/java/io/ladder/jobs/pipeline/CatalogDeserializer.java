package io.ladder.jobs.pipeline;

import io.ladder.jobs.ingest.CatalogDecoder;
import io.ladder.jobs.ingest.CatalogRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The job's source side of {@link CatalogDecoder}: one decoded record per Kafka record, none for a
 * retired version's tombstone.
 */
public final class CatalogDeserializer implements KafkaRecordDeserializationSchema<CatalogRecord> {
    private transient CatalogDecoder decoder;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<CatalogRecord> out) {
        CatalogRecord decoded = decode(record);
        if (decoded != null) {
            out.collect(decoded);
        }
    }

    public CatalogRecord decode(ConsumerRecord<byte[], byte[]> record) {
        if (decoder == null) {
            decoder = new CatalogDecoder();
        }
        return decoder.decode(record);
    }

    @Override
    public TypeInformation<CatalogRecord> getProducedType() {
        return TypeInformation.of(CatalogRecord.class);
    }
}
