package io.ladder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the job tests rely on: topics with configs, ordered produce, read back, await. */
class KafkaBrokerExtensionITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createsTopicsWithConfigsAndReadsBackWhatWasProducedInOrder() throws Exception {
        KAFKA.createTopic("compacted", 2, Map.of("cleanup.policy", "compact"));
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "compacted");
        assertThat(
                        KAFKA.admin()
                                .describeConfigs(List.of(topic))
                                .all()
                                .get(30, TimeUnit.SECONDS)
                                .get(topic)
                                .get("cleanup.policy")
                                .value())
                .isEqualTo("compact");

        KAFKA.produce(
                List.of(
                        new ProducerRecord<>("compacted", bytes("k"), bytes("1")),
                        new ProducerRecord<>("compacted", bytes("k"), bytes("2")),
                        new ProducerRecord<>("compacted", bytes("other"), bytes("x"))));
        KAFKA.produce("compacted", bytes("k"), bytes("3"));

        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.readAll("compacted");
        assertThat(records).hasSize(4);
        assertThat(
                        records.stream()
                                .filter(
                                        r ->
                                                new String(r.key(), StandardCharsets.UTF_8)
                                                        .equals("k"))
                                .map(r -> new String(r.value(), StandardCharsets.UTF_8)))
                .containsExactly("1", "2", "3");
        assertThat(KAFKA.awaitRecords("compacted", 4, Duration.ofSeconds(5))).hasSize(4);
        assertThatThrownBy(() -> KAFKA.awaitRecords("compacted", 5, Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected at least 5 records in compacted");
    }

    @Test
    void aFailedSendIsReportedAndTopicsAreNotCreatedAutomatically() {
        KAFKA.createTopic("keys-required", 1, Map.of("cleanup.policy", "compact"));
        assertThatThrownBy(() -> KAFKA.produce("keys-required", null, bytes("no key")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot produce");
        assertThatThrownBy(() -> KAFKA.readAll("never-created", Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic never-created does not exist");
    }
}
