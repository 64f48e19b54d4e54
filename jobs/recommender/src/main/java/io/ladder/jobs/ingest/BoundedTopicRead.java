package io.ladder.jobs.ingest;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic's partitions from chosen offsets up to the end offsets they had when the read was
 * opened: records appended later wait for the next read, so a read of a live topic ends. No
 * consumer group and no commits, so it never moves anyone's offsets; transactional records only
 * once committed. The one loop behind {@code read-events}, the trainer's window of the events topic
 * and the retrainer's read of the items topic, and the tests' reads of what the job wrote.
 */
public final class BoundedTopicRead implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> end;
    private final Duration timeout;

    private BoundedTopicRead(
            KafkaConsumer<byte[], byte[]> consumer,
            String topic,
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> end,
            Duration timeout) {
        this.consumer = consumer;
        this.topic = topic;
        this.partitions = partitions;
        this.end = end;
        this.timeout = timeout;
    }

    /**
     * Looks the topic up and captures its end offsets. {@code timeout} bounds each metadata call
     * and how long a read waits for records that must come (the broker stopped delivering).
     */
    public static BoundedTopicRead open(
            String bootstrap, String topic, String clientId, Duration timeout) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props(bootstrap, clientId));
        try {
            var infos = consumer.partitionsFor(topic, timeout);
            List<TopicPartition> partitions =
                    infos == null
                            ? List.of()
                            : infos.stream()
                                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end =
                    partitions.isEmpty() ? Map.of() : consumer.endOffsets(partitions, timeout);
            return new BoundedTopicRead(consumer, topic, partitions, end, timeout);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** False when the broker knows no such topic (then there is nothing to read). */
    public boolean exists() {
        return !partitions.isEmpty();
    }

    public List<TopicPartition> partitions() {
        return partitions;
    }

    /** The end offsets captured at {@link #open}: where the read stops. */
    public Map<TopicPartition, Long> endOffsets() {
        return end;
    }

    /** The oldest offset each partition still holds (retention or compaction deleted the rest). */
    public Map<TopicPartition, Long> beginningOffsets() {
        return consumer.beginningOffsets(partitions, timeout);
    }

    /**
     * For each partition, the first record whose timestamp is at or after {@code millis}; null for
     * a partition that holds none.
     */
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTime(long millis) {
        Map<TopicPartition, Long> query = new java.util.HashMap<>();
        for (TopicPartition p : partitions) {
            query.put(p, millis);
        }
        return consumer.offsetsForTimes(query, timeout);
    }

    /**
     * Hands each record below the end offsets to {@code each}, starting at {@code from} (a
     * partition missing there starts at its beginning), until every partition is read or {@code
     * each} returns false.
     *
     * @return the records handed over
     * @throws IllegalStateException when no record arrives for the timeout while some are due
     */
    public long read(
            Map<TopicPartition, Long> from, Predicate<ConsumerRecord<byte[], byte[]>> each) {
        Set<TopicPartition> open = new HashSet<>();
        for (TopicPartition p : partitions) {
            Long start = from.get(p);
            if (start == null) {
                consumer.seekToBeginning(List.of(p));
            } else {
                consumer.seek(p, start);
            }
            if (consumer.position(p) < end.get(p)) {
                open.add(p);
            } else {
                consumer.pause(List.of(p));
            }
        }
        long handed = 0;
        long lastData = System.nanoTime();
        while (!open.isEmpty()) {
            var batch = consumer.poll(Duration.ofMillis(500));
            if (!batch.isEmpty()) {
                lastData = System.nanoTime();
            }
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                TopicPartition p = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= end.get(p)) {
                    continue; // appended after the read was opened
                }
                handed++;
                if (!each.test(record)) {
                    return handed;
                }
            }
            for (TopicPartition p : List.copyOf(open)) {
                if (consumer.position(p) >= end.get(p)) {
                    open.remove(p);
                    consumer.pause(List.of(p));
                }
            }
            if (!open.isEmpty() && System.nanoTime() - lastData > timeout.toNanos()) {
                throw new IllegalStateException(
                        "no records from "
                                + topic
                                + " for "
                                + timeout
                                + ", "
                                + open
                                + " not read to their end offsets");
            }
        }
        return handed;
    }

    @Override
    public void close() {
        consumer.close();
    }

    private static Properties props(String bootstrap, String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}
