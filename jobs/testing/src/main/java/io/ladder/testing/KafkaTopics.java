package io.ladder.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads topics of any broker (the in-JVM one or the local stack's) back in tests. */
public final class KafkaTopics {
    private KafkaTopics() {}

    /** Consumer properties: byte[] keys and values, no group, committed records, from earliest. */
    public static Properties consumerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    /**
     * Every record of {@code topic} up to its end offsets at the time of the call, in partition
     * then offset order.
     *
     * @throws IllegalStateException when the topic does not exist or cannot be read within {@code
     *     timeout}
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            String bootstrapServers, String topic, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerProperties(bootstrapServers))) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, timeout).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .collect(Collectors.toList());
            if (partitions.isEmpty()) {
                throw new IllegalStateException(
                        "topic " + topic + " does not exist on " + bootstrapServers);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "read "
                                    + out.size()
                                    + " records of "
                                    + topic
                                    + " in "
                                    + timeout
                                    + ", end offsets "
                                    + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            out.sort(
                    Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(
                                    ConsumerRecord::partition)
                            .thenComparingLong(ConsumerRecord::offset));
            return out;
        }
    }
}
