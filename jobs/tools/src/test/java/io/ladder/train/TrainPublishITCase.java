package io.ladder.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train command against a real in-JVM KRaft broker: ModelInfo first, then every item. */
class TrainPublishITCase {
    @TempDir Path dir;

    @Test
    void publishesModelInfoThenItemsToACompactedTopic() throws Exception {
        Path events = dir.resolve("events.csv");
        StringBuilder csv = new StringBuilder("user_id,item_id,category_id,behavior,ts\n");
        String[] behaviors = {"pv", "pv", "cart", "buy"};
        for (var e : SyntheticHistory.generate(4, 30, 12)) {
            csv.append(
                            String.join(
                                    ",",
                                    e.getUserId(),
                                    e.getItemId(),
                                    e.getCategoryId(),
                                    behaviors[e.getType().ordinal()],
                                    Long.toString(e.getEventTime().getEpochSecond())))
                    .append('\n');
        }
        Files.writeString(events, csv);
        try (KafkaClusterTestKit cluster =
                new KafkaClusterTestKit.Builder(
                                new TestKitNodes.Builder()
                                        .setCombined(true)
                                        .setNumBrokerNodes(1)
                                        .setNumControllerNodes(1)
                                        .build())
                        .build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            try (Admin admin = Admin.create(cluster.clientProperties())) {
                admin.createTopics(
                                List.of(
                                        new NewTopic("ladder.items", 1, (short) 1)
                                                .configs(Map.of("cleanup.policy", "compact"))))
                        .all()
                        .get();
            }
            int code =
                    TrainCommand.run(
                            new String[] {
                                "--events",
                                events.toString(),
                                "--out",
                                dir.resolve("out").toString(),
                                "--epochs",
                                "1",
                                "--dim",
                                "4",
                                "--model-version",
                                "it-1",
                                "--publish",
                                "--bootstrap",
                                cluster.bootstrapServers()
                            },
                            System.out,
                            System.err);
            assertThat(code).isZero();
            List<Item> written = TowerFiles.readItems(dir.resolve("out"));

            Properties props = cluster.clientProperties();
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(
                            props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                // assign, not subscribe: no consumer group (the test broker has no offsets topic)
                TopicPartition partition = new TopicPartition("ladder.items", 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long deadline = System.currentTimeMillis() + 30_000;
                while (records.size() < written.size() + 1
                        && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                }
            }
            assertThat(records).hasSize(written.size() + 1);
            ConsumerRecord<byte[], byte[]> first = records.get(0);
            assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("__model__/it-1");
            ModelInfo info = Codecs.MODEL_INFO.decode(first.value());
            assertThat(info.getModelVersion()).isEqualTo("it-1");
            assertThat(info.getItemCount()).isEqualTo(written.size());
            for (int i = 1; i < records.size(); i++) {
                Item item = Codecs.ITEM.decode(records.get(i).value());
                assertThat(new String(records.get(i).key(), StandardCharsets.UTF_8))
                        .isEqualTo(item.getItemId());
                assertThat(item).isEqualTo(written.get(i - 1));
            }
        }
    }
}
