package io.ladder.jobs.testing;

import io.ladder.jobs.ingest.CatalogDecoder;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.ingest.UserEventDecoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Bounded sources for the job's injection seam: fixed topic records (key, value bytes) decoded by
 * the job's own decoders, as the Kafka sources would, without a broker. Record i has offset i.
 */
public final class BoundedRecords {
    private BoundedRecords() {}

    /** The events topic's records, decoded (and rejected) as {@code UserEventDeserializer} does. */
    public static DataGeneratorSource<EventRecord> events(String topic, List<byte[][]> records) {
        return new DataGeneratorSource<>(
                new Decoding<>(topic, records, false),
                records.size(),
                TypeInformation.of(EventRecord.class));
    }

    /** The items topic's records, decoded as {@code CatalogDeserializer} does. */
    public static DataGeneratorSource<CatalogRecord> catalog(String topic, List<byte[][]> records) {
        return new DataGeneratorSource<>(
                new Decoding<>(topic, records, true),
                records.size(),
                TypeInformation.of(CatalogRecord.class));
    }

    private static final class Decoding<T> implements GeneratorFunction<Long, T> {
        private final String topic;
        private final ArrayList<byte[][]> records;
        private final boolean catalog;
        private transient UserEventDecoder events;
        private transient CatalogDecoder items;

        Decoding(String topic, List<byte[][]> records, boolean catalog) {
            this.topic = topic;
            this.records = new ArrayList<>(records);
            this.catalog = catalog;
        }

        @Override
        public void open(SourceReaderContext context) {
            events = new UserEventDecoder();
            items = new CatalogDecoder();
        }

        @Override
        @SuppressWarnings("unchecked")
        public T map(Long index) {
            byte[][] kv = records.get(index.intValue());
            ConsumerRecord<byte[], byte[]> record =
                    new ConsumerRecord<>(topic, 0, index, kv[0], kv[1]);
            return (T) (catalog ? items.decode(record) : events.decode(record));
        }
    }
}
