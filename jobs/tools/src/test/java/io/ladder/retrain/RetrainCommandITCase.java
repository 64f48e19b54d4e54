package io.ladder.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ladder.jobs.catalog.ModelVersionOrder;
import io.ladder.schemas.EventType;
import io.ladder.schemas.Item;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.testing.KafkaBrokerExtension;
import io.ladder.train.ItemsTopicReader;
import io.ladder.train.PublishedTower;
import io.ladder.train.TrainTestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retrain loop on a real broker: runs read the events topic and the compacted items topic and
 * publish ordered versions, warm-started from the previous one; the gate keeps a worse tower off
 * the topic; a rollback republishes an earlier tower as the newest version.
 */
class RetrainCommandITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static final String EVENTS = "events";
    static final Instant END = TrainTestData.END;
    static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @BeforeAll
    static void produceEvents() {
        KAFKA.createTopic(EVENTS, 4);
        List<UserEvent> events = new ArrayList<>(TrainTestData.history(7, 120, 30));
        // items first seen after the first run's window: the second run has ids it did not train
        for (int u = 0; u < 12; u++) {
            events.add(
                    TrainTestData.event(
                            "u" + u,
                            "new" + (u % 3),
                            "c0",
                            EventType.CLICK,
                            END.minus(Duration.ofHours(40)).plusSeconds(u),
                            900_000 + u));
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        events.sort(java.util.Comparator.comparing(UserEvent::getEventTime));
        for (UserEvent e : events) {
            records.add(
                    new ProducerRecord<>(
                            EVENTS,
                            null,
                            e.getEventTime().toEpochMilli(),
                            e.getUserId().getBytes(StandardCharsets.UTF_8),
                            Codecs.USER_EVENT.encode(e)));
        }
        KAFKA.produce(records);
    }

    @Test
    void consecutiveRunsPublishOrderedVersionsTheSecondWarmStartedFromTheFirst() throws Exception {
        String items = "items-warm";
        KAFKA.createTopic(items, 4, Map.of("cleanup.policy", "compact"));
        JsonNode first =
                retrain(
                        items,
                        "--until",
                        END.minus(Duration.ofDays(2)).toString(),
                        "--window",
                        "6d",
                        "--epochs",
                        "4");
        assertThat(first.get("published").asBoolean()).isTrue();
        assertThat(first.get("warm_start").asBoolean()).isFalse();
        PublishedTower v1 = newest(items);
        assertThat(v1.modelVersion()).isEqualTo(first.get("version").asText());

        // A learning rate of ~0: whatever the second run publishes is where it started from.
        JsonNode second =
                retrain(
                        items,
                        "--until",
                        END.toString(),
                        "--window",
                        "7d",
                        "--epochs",
                        "1",
                        "--lr",
                        "1e-9",
                        "--gate-margin",
                        "1");
        assertThat(second.get("published").asBoolean()).isTrue();
        assertThat(second.get("previous").asText()).isEqualTo(v1.modelVersion());
        assertThat(second.get("warm_start").asBoolean()).isTrue();
        assertThat(second.get("new_items").asInt()).as("the last day's new ids").isEqualTo(3);
        PublishedTower v2 = newest(items);
        assertThat(v2.modelVersion()).isEqualTo(second.get("version").asText());
        assertThat(ModelVersionOrder.compare(v2.modelInfo(), v1.modelInfo())).isPositive();
        assertThat(v2.modelInfo().getItemCount()).isEqualTo(second.get("items").asInt());

        int carried = 0;
        for (Item item : v2.items()) {
            var before = v1.itemVector(item.getItemId());
            if (before.isPresent()) {
                carried++;
                float[] after = v2.itemVector(item.getItemId()).orElseThrow();
                assertThat(after)
                        .as(item.getItemId())
                        .containsExactly(before.get(), org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
        assertThat(carried).isEqualTo(second.get("warm_items").asInt()).isGreaterThan(50);

        // Rollback: the first tower again, as a version newer than the second.
        JsonNode back =
                run(
                        "--bootstrap",
                        KAFKA.bootstrapServers(),
                        "--items-topic",
                        items,
                        "--republish",
                        first.get("out").asText());
        assertThat(back.get("published").asBoolean()).isTrue();
        PublishedTower v3 = newest(items);
        assertThat(v3.modelVersion()).isEqualTo(back.get("version").asText());
        assertThat(ModelVersionOrder.compare(v3.modelInfo(), v2.modelInfo())).isPositive();
        assertThat(v3.itemCount()).isEqualTo(v1.itemCount());
        for (Item item : v1.items()) {
            assertThat(v3.itemVector(item.getItemId()).orElseThrow())
                    .containsExactly(v1.itemVector(item.getItemId()).orElseThrow());
        }
    }

    @Test
    void theGateRefusesAWorseTowerAndPublishesNothingOfIt() throws Exception {
        String items = "items-gate";
        KAFKA.createTopic(items, 4, Map.of("cleanup.policy", "compact"));
        JsonNode good =
                retrain(items, "--until", END.toString(), "--window", "8d", "--epochs", "4");
        assertThat(good.get("published").asBoolean()).isTrue();
        int recordsBefore = KAFKA.readAll(items).size();

        // Cold, one epoch at a learning rate of ~0: a random tower.
        JsonNode bad =
                retrain(
                        items,
                        "--until",
                        END.toString(),
                        "--window",
                        "8d",
                        "--epochs",
                        "1",
                        "--lr",
                        "1e-9",
                        "--cold");
        assertThat(bad.get("published").asBoolean()).isFalse();
        assertThat(bad.get("reason").asText()).startsWith("refused");
        assertThat(bad.get("auc_new").asDouble())
                .isLessThan(bad.get("auc_previous").asDouble() - 0.01);
        String refused = bad.get("version").asText();
        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.readAll(items);
        assertThat(records).hasSize(recordsBefore);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).doesNotContain(refused);
        }
        assertThat(newest(items).modelVersion()).isEqualTo(good.get("version").asText());
    }

    @Test
    void theLoopRunsAtOnceThenEveryPeriodEachRunFromThePreviousOne() throws Exception {
        String items = "items-loop";
        KAFKA.createTopic(items, 4, Map.of("cleanup.policy", "compact"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long started = System.nanoTime();
        int code =
                RetrainCommand.run(
                        new String[] {
                            "--bootstrap", KAFKA.bootstrapServers(),
                            "--events-topic", EVENTS,
                            "--items-topic", items,
                            "--out", dir.resolve("loop").toString(),
                            "--until", END.toString(),
                            "--window", "8d",
                            "--dim", "8",
                            "--epochs", "2",
                            "--gate-margin", "1",
                            "--every", "2s",
                            "--runs", "3"
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        QUIET);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(code).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(3);
        String previous = null;
        for (int i = 0; i < lines.length; i++) {
            JsonNode run = JSON.readTree(lines[i]);
            assertThat(run.get("published").asBoolean()).as(lines[i]).isTrue();
            assertThat(run.get("runs").asInt()).isEqualTo(i + 1);
            assertThat(run.get("runs_published").asInt()).isEqualTo(i + 1);
            assertThat(run.get("runs_refused_by_gate").asInt()).isZero();
            assertThat(run.get("warm_start").asBoolean()).isEqualTo(previous != null);
            if (previous != null) {
                assertThat(run.get("previous").asText()).isEqualTo(previous);
            }
            previous = run.get("version").asText();
        }
        assertThat(newest(items).modelVersion()).isEqualTo(previous);
        // The third run retired the first run's ModelInfo (older than its previous version); the
        // first two runs had nothing older than their previous one to retire.
        String first = JSON.readTree(lines[0]).get("version").asText();
        String second = JSON.readTree(lines[1]).get("version").asText();
        assertThat(JSON.readTree(lines[0]).get("retired_versions")).isEmpty();
        assertThat(JSON.readTree(lines[1]).get("retired_versions")).isEmpty();
        assertThat(JSON.readTree(lines[2]).get("retired_versions").get(0).asText())
                .isEqualTo(first);
        assertThat(JSON.readTree(lines[2]).get("retired_versions")).hasSize(1);
        assertThat(
                        ItemsTopicReader.read(KAFKA.bootstrapServers(), items, QUIET)
                                .versions()
                                .stream()
                                .map(v -> v.getModelVersion())
                                .toList())
                .containsExactly(second, previous);
        ConsumerRecord<byte[], byte[]> last = null;
        for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(items)) {
            if (new String(r.key(), StandardCharsets.UTF_8).equals("__model__/" + first)) {
                last = r;
            }
        }
        assertThat(last).isNotNull();
        assertThat(last.value()).as("a tombstone for the retired ModelInfo").isNull();
        // the first run at once, then one every 2 s: at least two waits between three runs
        assertThat(seconds).isGreaterThanOrEqualTo(4);
    }

    private JsonNode retrain(String items, String... extra) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--once",
                                "--bootstrap",
                                KAFKA.bootstrapServers(),
                                "--events-topic",
                                EVENTS,
                                "--items-topic",
                                items,
                                "--out",
                                dir.resolve("out").toString(),
                                "--dim",
                                "8",
                                "--patience",
                                "8",
                                "--seed",
                                "11"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private static JsonNode run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code =
                RetrainCommand.run(
                        args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(code).as(lines[lines.length - 1]).isZero();
        return JSON.readTree(lines[lines.length - 1]);
    }

    private static PublishedTower newest(String items) {
        return ItemsTopicReader.newestComplete(KAFKA.bootstrapServers(), items, QUIET)
                .orElseThrow();
    }
}
