package io.ladder.train;

import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.ingest.UserEventDecoder;
import io.ladder.schemas.codec.Codecs;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads an event-time window of the events topic into {@link WindowEvents}: each partition from the
 * first record stamped at or after {@code start - seekMargin} ({@code offsetsForTimes}) up to its
 * end offset captured when the read starts (later appends wait for the next run), decoding and
 * validating every record with the job's own {@link UserEventDecoder}. Invalid records are skipped
 * and counted, valid ones outside {@code [start, until)} counted and dropped. No consumer group:
 * the read never moves anyone's offsets.
 */
public final class TopicWindowReader {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    /**
     * Counts of a read.
     *
     * @param read records read (valid or not)
     * @param inWindow valid events kept
     * @param beforeWindow valid events before the window's start (read because of the margin)
     * @param afterWindow valid events at or after {@code until}
     * @param invalid records the decoder rejected
     * @param partitionsShort partitions whose oldest retained record is already inside the window:
     *     the topic's retention may not cover it
     * @param firstErrors why the first few invalid records were rejected
     */
    public record Counts(
            long read,
            long inWindow,
            long beforeWindow,
            long afterWindow,
            long invalid,
            int partitionsShort,
            List<String> firstErrors) {
        public long outsideWindow() {
            return beforeWindow + afterWindow;
        }
    }

    /** What a read produced. */
    public record Result(WindowEvents events, Counts counts, double seconds) {}

    private TopicWindowReader() {}

    /**
     * @throws IllegalStateException when the topic does not exist, the window holds more than
     *     {@code maxEvents} valid events, or the broker stops delivering
     */
    public static Result read(TopicWindow w, PrintStream progress) {
        long started = System.nanoTime();
        long startMillis = w.start().toEpochMilli();
        long untilMillis = w.until().toEpochMilli();
        WindowEvents events = new WindowEvents(w.maxEvents());
        UserEventDecoder decoder = new UserEventDecoder();
        long read = 0;
        long before = 0;
        long after = 0;
        long invalid = 0;
        List<String> errors = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props(w.bootstrap()))) {
            List<TopicPartition> partitions = partitions(consumer, w);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> seekTo = new HashMap<>();
            for (TopicPartition p : partitions) {
                seekTo.put(p, Math.max(0, startMillis - w.seekMargin().toMillis()));
            }
            Map<TopicPartition, OffsetAndTimestamp> found =
                    consumer.offsetsForTimes(seekTo, TIMEOUT);
            Set<TopicPartition> open = new HashSet<>();
            int shortPartitions = 0;
            long toRead = 0;
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp at = found.get(p);
                long from = at == null ? end.get(p) : at.offset();
                if (at != null && from == first.get(p) && from > 0) {
                    shortPartitions++; // older records were deleted: the window may start earlier
                }
                consumer.seek(p, from);
                toRead += end.get(p) - from;
                if (from < end.get(p)) {
                    open.add(p);
                }
            }
            progress.printf(
                    Locale.ROOT,
                    "reading %s [%s, %s) from %d partition(s): ~%d records%n",
                    w.topic(),
                    w.start(),
                    w.until(),
                    partitions.size(),
                    toRead);
            long lastProgress = System.nanoTime();
            long lastData = System.nanoTime();
            while (!open.isEmpty()) {
                var batch = consumer.poll(Duration.ofMillis(500));
                if (!batch.isEmpty()) {
                    lastData = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    TopicPartition p = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(p)) {
                        continue; // appended after the read started
                    }
                    read++;
                    EventRecord e = decoder.decode(record);
                    if (e.isRejected()) {
                        invalid++;
                        if (errors.size() < EventsFile.MAX_ERRORS) {
                            errors.add(reason(record, e));
                        }
                    } else if (e.eventTime < startMillis) {
                        before++;
                    } else if (e.eventTime >= untilMillis) {
                        after++;
                    } else if (!events.add(
                            e.userId, e.itemId, e.categoryId, e.level, e.eventTime)) {
                        throw new IllegalStateException(
                                "the window holds more than --max-events "
                                        + w.maxEvents()
                                        + " events (read "
                                        + read
                                        + " of ~"
                                        + toRead
                                        + " records): shorten --window or raise --max-events"
                                        + " (about "
                                        + WindowEvents.BYTES_PER_EVENT
                                        + " B per event plus the ids, and the JVM's -Xmx)");
                    }
                }
                for (TopicPartition p : List.copyOf(open)) {
                    if (consumer.position(p) >= end.get(p)) {
                        open.remove(p);
                        consumer.pause(List.of(p));
                    }
                }
                long now = System.nanoTime();
                if (now - lastData > TIMEOUT.toNanos()) {
                    throw new IllegalStateException(
                            "no records from "
                                    + w.topic()
                                    + " for "
                                    + TIMEOUT
                                    + ", "
                                    + open
                                    + " not read to their end offsets");
                }
                if (now - lastProgress > PROGRESS_NANOS) {
                    lastProgress = now;
                    progress.printf(
                            Locale.ROOT,
                            "  read %d of ~%d records, %d in the window%n",
                            read,
                            toRead,
                            events.size());
                }
            }
            Counts counts =
                    new Counts(
                            read,
                            events.size(),
                            before,
                            after,
                            invalid,
                            shortPartitions,
                            List.copyOf(errors));
            return new Result(events, counts, (System.nanoTime() - started) / 1e9);
        }
    }

    private static List<TopicPartition> partitions(
            KafkaConsumer<byte[], byte[]> consumer, TopicWindow w) {
        var infos = consumer.partitionsFor(w.topic(), TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException(
                    "topic " + w.topic() + " does not exist on " + w.bootstrap());
        }
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    private static String reason(ConsumerRecord<byte[], byte[]> record, EventRecord rejected) {
        String why;
        try {
            why = String.valueOf(Codecs.DEAD_LETTER.decode(rejected.rejection).getReason());
        } catch (RuntimeException e) {
            why = "rejected";
        }
        return "partition " + record.partition() + " offset " + record.offset() + ": " + why;
    }

    static Properties props(String bootstrap) {
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
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ladder-trainer");
        return props;
    }
}
