package io.ladder.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.jobs.csv.EventCsvReader;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.testing.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EventLoaderITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final long FIRST_TS = 1_511_539_200L; // 2017-11-24, seconds
    private static final String[] BEHAVIORS = {"pv", "pv", "pv", "fav", "cart", "buy"};

    @TempDir static Path dir;
    private static Path csv;

    /** line number -> expected user of every valid row. */
    private static final Map<Long, String> validLines = new LinkedHashMap<>();

    private static final Set<Long> malformedLines = new TreeSet<>();

    @BeforeAll
    static void writeCsv() throws IOException {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        lines.add("user_id,item_id,category_id,behavior,ts");
        Map<Integer, String> bad =
                Map.of(
                        20, "u1,i1,c1,pv", // 4 columns
                        45, "u2,i2,c2,wishlist," + FIRST_TS, // unknown behavior
                        90, "u3,i3,c3,pv,later", // not an integer
                        120, "u4,i4,c4,pv,631152000", // 1990: fails validation
                        150, "u".repeat(129) + ",i5,c5,pv," + FIRST_TS); // id too long
        for (int row = 0; row < 200; row++) {
            long line = lines.size() + 1;
            String badRow = bad.get(row);
            if (badRow != null) {
                lines.add(badRow);
                malformedLines.add(line);
                continue;
            }
            String user = "u" + random.nextInt(12);
            long ts = FIRST_TS + row * 7L;
            String category = random.nextInt(10) == 0 ? "" : "c" + random.nextInt(20);
            lines.add(
                    String.join(
                            ",",
                            user,
                            "i" + random.nextInt(500),
                            category,
                            BEHAVIORS[random.nextInt(BEHAVIORS.length)],
                            // a few rows in milliseconds
                            row % 17 == 0 ? ts * 1000 + "" : ts + ""));
            validLines.put(line, user);
        }
        csv = dir.resolve("events.csv");
        Files.write(csv, lines, StandardCharsets.UTF_8);
    }

    private static LoadSummary load(String topic, String... extra) throws IOException {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                csv.toString(),
                                "--bootstrap",
                                KAFKA.bootstrapServers(),
                                "--topic",
                                topic,
                                "--progress",
                                "none"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        return new EventLoader(
                        LoaderConfig.parse(args.toArray(String[]::new)),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Clock.systemUTC())
                .run();
    }

    @Test
    void publishesOneValidEventPerValidRowKeyedByUserAndCountsMalformedRows() throws Exception {
        KAFKA.createTopic("events-a", 4);

        LoadSummary summary = load("events-a");

        assertThat(summary.read()).isEqualTo(200);
        assertThat(summary.published()).isEqualTo(validLines.size()).isEqualTo(195);
        assertThat(summary.malformed()).isEqualTo(5);
        assertThat(summary.failed()).isZero();
        assertThat(summary.errors())
                .extracting(e -> Long.parseLong(e.substring(5, e.indexOf(':'))))
                .containsExactlyElementsOf(malformedLines);
        assertThat(summary.errors().get(3)).contains("event_time").contains("before 2000");
        assertThat(summary.errors().get(4)).contains("user_id").contains("129 characters");
        assertThat(summary.line())
                .startsWith("summary: read=200 published=195 malformed=5 failed=0");

        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.readAll("events-a");
        assertThat(records).hasSize(validLines.size());
        Map<String, Long> lineOfId = new HashMap<>();
        validLines
                .keySet()
                .forEach(line -> lineOfId.put(EventCsvReader.eventId("events.csv", line), line));
        Map<String, Set<Integer>> partitionsOfUser = new HashMap<>();
        Map<Integer, Long> lastLineInPartition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            UserEvent event = Codecs.USER_EVENT.decode(record.value());
            Long line = lineOfId.get(event.getEventId().toString());
            assertThat(line)
                    .as("event id %s is one of a valid row", event.getEventId())
                    .isNotNull();
            assertThat(event.getUserId().toString()).isEqualTo(validLines.get(line));
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .isEqualTo(event.getUserId().toString());
            assertThat(event.getEventTime().getEpochSecond())
                    .isBetween(FIRST_TS, FIRST_TS + 200 * 7);
            partitionsOfUser
                    .computeIfAbsent(event.getUserId().toString(), u -> new TreeSet<>())
                    .add(record.partition());
            // file order is kept within a partition, hence within each user's history
            Long previous = lastLineInPartition.put(record.partition(), line);
            assertThat(previous == null || previous < line).isTrue();
        }
        assertThat(partitionsOfUser.values()).allMatch(p -> p.size() == 1);
        assertThat(records.stream().map(ConsumerRecord::partition).distinct().count())
                .as("12 users spread over 4 partitions")
                .isGreaterThan(1);
    }

    @Test
    void loadingTheSameFileTwiceYieldsTheSameEventIds() throws Exception {
        KAFKA.createTopic("events-b", 2);
        KAFKA.createTopic("events-c", 2);

        load("events-b");
        load("events-c", "--rate", "5000");

        assertThat(eventIds("events-c")).isEqualTo(eventIds("events-b")).hasSize(195);
    }

    @Test
    void limitStopsAfterThatManyRows() throws Exception {
        KAFKA.createTopic("events-d", 1);

        LoadSummary summary = load("events-d", "--limit", "25");

        assertThat(summary.read()).isEqualTo(25);
        assertThat(summary.malformed()).isEqualTo(1); // line 21
        assertThat(KAFKA.readAll("events-d")).hasSize(24);
    }

    @Test
    void aMissingTopicFailsWithAMessageSayingWhatToDo() {
        assertThatThrownBy(() -> load("no-such-topic", "--producer-property", "max.block.ms=1500"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic no-such-topic is not available")
                .hasMessageContaining("scripts/stack up");
    }

    private static List<String> eventIds(String topic) {
        return KAFKA.readAll(topic).stream()
                .map(r -> Codecs.USER_EVENT.decode(r.value()).getEventId().toString())
                .sorted()
                .collect(Collectors.toList());
    }
}
