package io.ladder.jobs.ingest;

import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.schemas.codec.InvalidRecordException;
import io.ladder.schemas.validate.RecordValidator;
import java.time.Clock;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes and validates events inside the source, so the watermark strategy sees event times per
 * partition. Never throws on bad input: it emits the record as rejected, with a dead letter that
 * says why and where it came from.
 */
public final class UserEventDeserializer implements KafkaRecordDeserializationSchema<EventRecord> {
    private transient RecordValidator validator;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<EventRecord> out) {
        out.collect(decode(record));
    }

    public EventRecord decode(ConsumerRecord<byte[], byte[]> record) {
        if (validator == null) {
            validator = new RecordValidator(Clock.systemUTC(), 0);
        }
        UserEvent event;
        try {
            event = Codecs.USER_EVENT.decode(record.value());
        } catch (InvalidRecordException e) {
            return reject(record, DeadLetters.STAGE_DECODE, e.getMessage());
        }
        List<String> problems = validator.problems(event);
        if (!problems.isEmpty()) {
            return reject(record, DeadLetters.STAGE_VALIDATE, String.join("; ", problems));
        }
        EventRecord valid = EventRecord.of(event, record.timestamp());
        valid.sourcePartition = record.partition();
        valid.sourceOffset = record.offset();
        return valid;
    }

    private static EventRecord reject(
            ConsumerRecord<byte[], byte[]> record, String stage, String reason) {
        return EventRecord.rejected(
                Codecs.DEAD_LETTER.encode(DeadLetters.of(record, stage, reason)), record.key());
    }

    @Override
    public TypeInformation<EventRecord> getProducedType() {
        return TypeInformation.of(EventRecord.class);
    }
}
