package io.ladder.train;

import io.ladder.jobs.ingest.BoundedTopicRead;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.ingest.UserEventDecoder;
import io.ladder.schemas.codec.Codecs;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

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
        try (BoundedTopicRead read =
                BoundedTopicRead.open(w.bootstrap(), w.topic(), "ladder-trainer", TIMEOUT)) {
            if (!read.exists()) {
                throw new IllegalStateException(
                        "topic " + w.topic() + " does not exist on " + w.bootstrap());
            }
            Map<TopicPartition, Long> end = read.endOffsets();
            Map<TopicPartition, Long> first = read.beginningOffsets();
            Map<TopicPartition, OffsetAndTimestamp> found =
                    read.offsetsForTime(
                            Math.max(0, w.start().toEpochMilli() - w.seekMargin().toMillis()));
            Map<TopicPartition, Long> from = new HashMap<>();
            int shortPartitions = 0;
            long toRead = 0;
            for (TopicPartition p : read.partitions()) {
                OffsetAndTimestamp at = found.get(p);
                long offset = at == null ? end.get(p) : at.offset();
                if (at != null && offset == first.get(p) && offset > 0) {
                    shortPartitions++; // older records were deleted: the window may start earlier
                }
                from.put(p, offset);
                toRead += end.get(p) - offset;
            }
            progress.printf(
                    Locale.ROOT,
                    "reading %s [%s, %s) from %d partition(s): ~%d records%n",
                    w.topic(),
                    w.start(),
                    w.until(),
                    read.partitions().size(),
                    toRead);
            Window window = new Window(w, toRead, progress);
            read.read(from, window::accept);
            return new Result(
                    window.events,
                    window.counts(shortPartitions),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** Sorts the records of one read into the window, counting what falls outside it. */
    private static final class Window {
        final WindowEvents events;
        private final TopicWindow w;
        private final long startMillis;
        private final long untilMillis;
        private final long toRead;
        private final PrintStream progress;
        private final UserEventDecoder decoder = new UserEventDecoder();
        private final List<String> errors = new ArrayList<>();
        private long read;
        private long before;
        private long after;
        private long invalid;
        private long lastProgress = System.nanoTime();

        Window(TopicWindow w, long toRead, PrintStream progress) {
            this.w = w;
            this.events = new WindowEvents(w.maxEvents());
            this.startMillis = w.start().toEpochMilli();
            this.untilMillis = w.until().toEpochMilli();
            this.toRead = toRead;
            this.progress = progress;
        }

        boolean accept(ConsumerRecord<byte[], byte[]> record) {
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
            } else if (!events.add(e.userId, e.itemId, e.categoryId, e.level, e.eventTime)) {
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
            long now = System.nanoTime();
            if (now - lastProgress > PROGRESS_NANOS) {
                lastProgress = now;
                progress.printf(
                        Locale.ROOT,
                        "  read %d of ~%d records, %d in the window%n",
                        read,
                        toRead,
                        events.size());
            }
            return true;
        }

        Counts counts(int shortPartitions) {
            return new Counts(
                    read,
                    events.size(),
                    before,
                    after,
                    invalid,
                    shortPartitions,
                    List.copyOf(errors));
        }
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
}
