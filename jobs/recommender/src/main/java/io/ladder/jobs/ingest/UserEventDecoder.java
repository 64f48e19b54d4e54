package io.ladder.jobs.ingest;

import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.schemas.codec.InvalidRecordException;
import io.ladder.schemas.validate.RecordValidator;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes and validates one record of the events topic. Never throws on bad input: it returns the
 * record as rejected, with a dead letter that says why and where it came from. Any reader of the
 * topic uses it, with or without Flink.
 */
public final class UserEventDecoder {
    private final RecordValidator validator;

    public UserEventDecoder() {
        this.validator = new RecordValidator(Clock.systemUTC(), 0);
    }

    public EventRecord decode(ConsumerRecord<byte[], byte[]> record) {
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
}
