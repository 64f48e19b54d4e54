package io.ladder.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.testing.KafkaBrokerExtension;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The events-topic reader on a real broker and a 4-partition topic: it keeps exactly the window's
 * valid events, counts the rest, and never reads records stamped before the seek margin.
 */
class TopicWindowReaderITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static final String TOPIC = "events";
    static final Instant UNTIL = Instant.parse("2026-06-08T00:00:00Z");
    static final Duration WINDOW = Duration.ofDays(2);
    static final Instant START = UNTIL.minus(WINDOW);
    static final Duration MARGIN = Duration.ofHours(1);
    static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    static final List<String> expected = new ArrayList<>();

    @BeforeAll
    static void produce() {
        KAFKA.createTopic(TOPIC, 4);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        int n = 0;
        // 40 events inside the window, over every partition
        for (int i = 0; i < 40; i++) {
            Instant t = START.plus(Duration.ofMinutes(70L * i));
            records.add(event(i % 4, t, t, "u" + (i % 7), "i" + i, EventType.CLICK, n++));
            expected.add("u" + (i % 7) + "/i" + i + "@" + t.toEpochMilli());
        }
        // 5 stamped within the margin before the start: read, then dropped as before the window
        for (int p = 0; p < 4; p++) {
            Instant t = START.minus(Duration.ofMinutes(30));
            records.add(event(p, t, t, "u1", "early" + p, EventType.CART, n++));
        }
        records.add(
                event(
                        0,
                        START.minusSeconds(1),
                        START.minusSeconds(1),
                        "u2",
                        "x",
                        EventType.CLICK,
                        n++));
        // 6 stamped days before: the seek skips them, they are never read
        for (int p = 0; p < 4; p++) {
            Instant t = START.minus(Duration.ofDays(3));
            records.add(event(p, t, t, "u3", "old" + p, EventType.PURCHASE, n++));
        }
        // a record appended inside the window (timestamp) whose event time is after --until
        records.add(event(1, UNTIL.minusSeconds(60), UNTIL, "u4", "late", EventType.CLICK, n++));
        records.add(
                event(
                        2,
                        UNTIL.plusSeconds(60),
                        UNTIL.plusSeconds(60),
                        "u4",
                        "after",
                        EventType.CLICK,
                        n++));
        // invalid: not Avro, and an event the validator rejects (unknown type)
        Instant t = START.plus(Duration.ofHours(5));
        records.add(
                new ProducerRecord<>(TOPIC, 3, t.toEpochMilli(), key("u5"), new byte[] {1, 2, 3}));
        records.add(event(2, t, t, "u5", "i9", EventType.UNKNOWN, n++));
        // appended in timestamp order, as on the real topic (LogAppendTime)
        records.sort(java.util.Comparator.comparingLong(ProducerRecord::timestamp));
        KAFKA.produce(records);
    }

    @Test
    void readsExactlyTheWindowsValidEventsAndCountsTheRest() {
        TopicWindow window =
                new TopicWindow(KAFKA.bootstrapServers(), TOPIC, WINDOW, UNTIL, MARGIN, 1_000);
        TopicWindowReader.Result r = TopicWindowReader.read(window, QUIET);

        List<String> held = new ArrayList<>();
        WindowEvents e = r.events();
        for (int p = 0; p < e.size(); p++) {
            held.add(e.user(p) + "/" + e.item(p) + "@" + e.time(p));
        }
        assertThat(held).containsExactlyInAnyOrderElementsOf(expected);
        TopicWindowReader.Counts c = r.counts();
        assertThat(c.inWindow()).isEqualTo(40);
        assertThat(c.beforeWindow()).as("within the seek margin, before the start").isEqualTo(5);
        assertThat(c.afterWindow()).as("event time at or after --until").isEqualTo(2);
        assertThat(c.invalid()).isEqualTo(2);
        assertThat(c.firstErrors()).hasSize(2);
        assertThat(c.read())
                .as("records stamped before start - margin are never read")
                .isEqualTo(40 + 5 + 2 + 2);
    }

    @Test
    void refusesAWindowLargerThanMaxEvents() {
        TopicWindow window =
                new TopicWindow(KAFKA.bootstrapServers(), TOPIC, WINDOW, UNTIL, MARGIN, 39);
        assertThatThrownBy(() -> TopicWindowReader.read(window, QUIET))
                .hasMessageContaining("--max-events 39");
    }

    private static ProducerRecord<byte[], byte[]> event(
            int partition,
            Instant timestamp,
            Instant eventTime,
            String user,
            String item,
            EventType type,
            int id) {
        UserEvent e =
                UserEvent.newBuilder()
                        .setEventId("e" + id)
                        .setUserId(user)
                        .setItemId(item)
                        .setCategoryId("c1")
                        .setType(type)
                        .setEventTime(eventTime)
                        .build();
        return new ProducerRecord<>(
                TOPIC, partition, timestamp.toEpochMilli(), key(user), Codecs.USER_EVENT.encode(e));
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
