package io.ladder.jobs.load;

import io.ladder.jobs.config.RawOptions;
import io.ladder.jobs.ingest.BoundedTopicRead;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.schemas.codec.InvalidRecordException;
import io.ladder.schemas.validate.RecordValidator;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the events topic back from the beginning to its current end, decodes and validates every
 * record, and prints them (one line each) or only counts them:
 *
 * <pre>
 * read-events [--bootstrap HOST:PORT] [--topic NAME] [--count] [--max N]
 * </pre>
 *
 * Ends with {@code summary: records=N valid=N invalid=N users=N}; exit status 1 when a record is
 * invalid. Uses no consumer group, so it never moves anyone's offsets.
 */
public final class EventTopicReader {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String USAGE =
            "usage: read-events [--bootstrap HOST:PORT] [--topic NAME] [--count] [--max N]";

    private EventTopicReader() {}

    public static void main(String[] args) {
        String bootstrap;
        String topic;
        boolean print;
        long max;
        try {
            RawOptions o = RawOptions.parse(args);
            bootstrap = o.string("bootstrap", LoaderConfig.DEFAULT_BOOTSTRAP);
            topic = o.string("topic", LoaderConfig.DEFAULT_TOPIC);
            print = !o.flag("count", false);
            max = o.number("max", Long.MAX_VALUE);
            o.refuseUnused(USAGE);
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            Summary summary = read(bootstrap, topic, print, max, System.out);
            System.out.println(summary.line());
            System.exit(summary.invalid() == 0 ? 0 : 1);
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Counts of a read. */
    public record Summary(long records, long valid, long invalid, long users) {
        public String line() {
            return "summary: records="
                    + records
                    + " valid="
                    + valid
                    + " invalid="
                    + invalid
                    + " users="
                    + users;
        }
    }

    /**
     * @throws IllegalStateException when the topic does not exist or the broker stops delivering
     */
    public static Summary read(
            String bootstrap, String topic, boolean print, long max, PrintStream out) {
        Tally tally = new Tally(print, max, out);
        if (max <= 0) {
            return tally.summary();
        }
        try (BoundedTopicRead read =
                BoundedTopicRead.open(bootstrap, topic, "ladder-read-events", TIMEOUT)) {
            if (!read.exists()) {
                throw new IllegalStateException(
                        "topic " + topic + " does not exist on " + bootstrap);
            }
            read.read(Map.of(), tally::accept);
        }
        return tally.summary();
    }

    /** Checks, prints and counts the records of one read. */
    private static final class Tally {
        private final RecordValidator validator = new RecordValidator(Clock.systemUTC(), 0);
        private final java.util.Set<String> users = new java.util.HashSet<>();
        private final boolean print;
        private final long max;
        private final PrintStream out;
        private long records;
        private long valid;

        Tally(boolean print, long max, PrintStream out) {
            this.print = print;
            this.max = max;
            this.out = out;
        }

        /** Returns whether to go on (fewer than {@code max} records so far). */
        boolean accept(ConsumerRecord<byte[], byte[]> record) {
            records++;
            UserEvent event = null;
            String problem;
            try {
                event = Codecs.USER_EVENT.decode(record.value());
                problem = problem(record, event, validator);
            } catch (InvalidRecordException e) {
                problem = e.getMessage();
            }
            if (problem == null) {
                valid++;
                users.add(event.getUserId().toString());
                if (print) {
                    out.println(event);
                }
            } else {
                out.printf(
                        "invalid: partition %d offset %d: %s%n",
                        record.partition(), record.offset(), problem);
            }
            return records < max;
        }

        Summary summary() {
            return new Summary(records, valid, records - valid, users.size());
        }
    }

    private static String problem(
            ConsumerRecord<byte[], byte[]> record, UserEvent event, RecordValidator validator) {
        List<String> problems = validator.problems(event);
        if (!problems.isEmpty()) {
            return String.join("; ", problems);
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!event.getUserId().toString().equals(key)) {
            return "key " + key + " is not the user id " + event.getUserId();
        }
        return null;
    }
}
