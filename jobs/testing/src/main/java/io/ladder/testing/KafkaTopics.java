package io.ladder.testing;

import io.ladder.jobs.ingest.BoundedTopicRead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads topics of any broker (the in-JVM one or the local stack's) back in tests. */
public final class KafkaTopics {
    private KafkaTopics() {}

    /**
     * Every record of {@code topic} up to its end offsets at the time of the call, in partition
     * then offset order.
     *
     * @throws IllegalStateException when the topic does not exist, or no record arrives for {@code
     *     timeout} while some are due
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            String bootstrapServers, String topic, Duration timeout) {
        try (BoundedTopicRead read =
                BoundedTopicRead.open(bootstrapServers, topic, "ladder-test-reader", timeout)) {
            if (!read.exists()) {
                throw new IllegalStateException(
                        "topic " + topic + " does not exist on " + bootstrapServers);
            }
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            read.read(Map.of(), out::add);
            out.sort(
                    Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(
                                    ConsumerRecord::partition)
                            .thenComparingLong(ConsumerRecord::offset));
            return out;
        }
    }
}
