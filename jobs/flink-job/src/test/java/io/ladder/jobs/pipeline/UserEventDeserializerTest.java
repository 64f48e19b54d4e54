package io.ladder.jobs.pipeline;

import static io.ladder.jobs.pipeline.DeadLetterAssert.deadLetterOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.ingest.DeadLetters;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.ingest.Levels;
import io.ladder.schemas.DeadLetter;
import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The events source's decoding without a Flink harness: valid events pass, bad ones are dead. */
class UserEventDeserializerTest {
    static final String TOPIC = "ladder.events";

    final UserEventDeserializer deserializer = new UserEventDeserializer();

    static UserEvent valid() {
        return JobFixtures.userEvent("e-1", "u-1", "a1", EventType.CART, 5);
    }

    static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>(TOPIC, 3, 1234L, "u-1".getBytes(StandardCharsets.UTF_8), value);
    }

    DeadLetter rejected(ConsumerRecord<byte[], byte[]> record) {
        EventRecord out = deserializer.decode(record);
        assertThat(out.isRejected()).as("rejected").isTrue();
        assertThat(out.rejectionKey).isEqualTo(record.key());
        return deadLetterOf(out.rejection, record);
    }

    @Test
    void aValidEventBecomesAnEventRecord() {
        EventRecord out = deserializer.decode(record(Codecs.USER_EVENT.encode(valid())));

        assertThat(out.isRejected()).isFalse();
        assertThat(out.eventId).isEqualTo("e-1");
        assertThat(out.userId).isEqualTo("u-1");
        assertThat(out.itemId).isEqualTo("a1");
        assertThat(out.categoryId).isEqualTo("A");
        assertThat(out.level).isEqualTo(Levels.CART);
        assertThat(out.eventTime).isEqualTo(JobFixtures.T0.plusSeconds(5).toEpochMilli());
    }

    @Test
    void garbageIsDeadLetteredAtDecode() {
        DeadLetter letter = rejected(record("{\"user\":1}".getBytes(StandardCharsets.UTF_8)));
        assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_DECODE);
        assertThat(letter.getReason()).contains("not an Avro single-object message");
    }

    @Test
    void aNullValueIsDeadLetteredAtDecode() {
        DeadLetter letter = rejected(record(null));
        assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_DECODE);
        assertThat(letter.getReason()).contains("empty message");
        assertThat(letter.getOriginal().remaining()).isZero();
    }

    @Test
    void aFifteenByteEventClaimingAGigabyteStringIsDeadLetteredNamingTheField() {
        byte[] header = Arrays.copyOf(Codecs.USER_EVENT.encode(valid()), 10);
        // 1,000,000,000 as a zig-zag varint: 2,000,000,000 in 7-bit groups, low first.
        byte[] bytes = Arrays.copyOf(header, 15);
        long n = 2_000_000_000L;
        for (int i = 10; i < 15; i++, n >>>= 7) {
            bytes[i] = (byte) ((n & 0x7F) | (i < 14 ? 0x80 : 0));
        }

        DeadLetter letter = rejected(record(bytes));
        assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_DECODE);
        assertThat(letter.getReason())
                .contains("corrupt UserEvent body")
                .contains("field event_id: string length 1000000000 exceeds the 0 bytes left");
    }

    @Test
    void anEmptyIdIsDeadLetteredAtValidate() {
        UserEvent event = valid();
        event.setEventId("");
        DeadLetter letter = rejected(record(Codecs.USER_EVENT.encode(event)));
        assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_VALIDATE);
        assertThat(letter.getReason()).contains("event_id: must not be empty");
    }

    @Test
    void anUnknownEventTypeIsDeadLetteredAtValidate() {
        UserEvent event = valid();
        event.setType(EventType.UNKNOWN);
        DeadLetter letter = rejected(record(Codecs.USER_EVENT.encode(event)));
        assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_VALIDATE);
        assertThat(letter.getReason()).contains("type: unknown event type");
    }

    @Test
    void anEventFromTheFutureIsDeadLetteredAtValidate() {
        UserEvent event = valid();
        event.setEventTime(Instant.now().plus(Duration.ofDays(3)));
        DeadLetter letter = rejected(record(Codecs.USER_EVENT.encode(event)));
        assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_VALIDATE);
        assertThat(letter.getReason()).contains("event_time").contains("in the future");
    }
}
