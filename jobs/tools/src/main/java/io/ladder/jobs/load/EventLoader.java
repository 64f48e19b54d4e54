package io.ladder.jobs.load;

import io.ladder.jobs.csv.CsvRow;
import io.ladder.jobs.csv.EventCsvReader;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.schemas.validate.RecordValidator;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes an events CSV to the events topic: each valid row becomes one Avro single-object
 * encoded {@link UserEvent} keyed by user id (so a user's events stay in order in one partition),
 * through an idempotent producer. A malformed row is reported with its line number, counted and
 * skipped; the rest still loads. Usage: {@link LoaderConfig#USAGE}.
 */
public final class EventLoader {
    /** Row errors printed (and kept in the summary); the rest are only counted. */
    public static final int MAX_REPORTED_ERRORS = 100;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final LoaderConfig config;
    private final PrintStream err;
    private final RecordValidator validator;

    private final AtomicLong read = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstSendError = new AtomicReference<>();
    private final List<String> errors = new ArrayList<>();

    public EventLoader(LoaderConfig config, PrintStream err, Clock clock) {
        this.config = config;
        this.err = err;
        this.validator = new RecordValidator(clock, 0);
    }

    public static void main(String[] args) {
        LoaderConfig config;
        try {
            config = LoaderConfig.parse(args);
        } catch (LoaderConfig.HelpRequested e) {
            System.out.println(LoaderConfig.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(LoaderConfig.USAGE);
            System.exit(2);
            return;
        }
        try {
            LoadSummary summary = new EventLoader(config, System.err, Clock.systemUTC()).run();
            System.out.println(summary.line());
            System.exit(summary.failed() > 0 ? 1 : 0);
        } catch (IOException | KafkaException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Loads the file; returns when every published event is acknowledged or failed. */
    public LoadSummary run() throws IOException {
        long start = System.nanoTime();
        try (Producer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
            checkTopic(producer);
            try (CountingInputStream in =
                            new CountingInputStream(Files.newInputStream(config.file()));
                    EventCsvReader reader =
                            EventCsvReader.of(
                                    new BufferedReader(
                                            new InputStreamReader(in, StandardCharsets.UTF_8),
                                            1 << 16),
                                    config.file().getFileName().toString(),
                                    config.mapping());
                    ProgressReporter progress =
                            new ProgressReporter(
                                    err,
                                    config.progress(),
                                    Files.size(config.file()),
                                    in::count,
                                    read::get,
                                    published::get,
                                    malformed::get)) {
                publishAll(reader, producer);
                producer.flush();
            }
            producer.close(CLOSE_TIMEOUT);
        }
        if (firstSendError.get() != null) {
            err.println(
                    "error: "
                            + failed.get()
                            + " events were not published: "
                            + firstSendError.get());
        }
        return new LoadSummary(
                read.get(),
                published.get(),
                malformed.get(),
                failed.get(),
                List.copyOf(errors),
                System.nanoTime() - start);
    }

    private void publishAll(EventCsvReader reader, Producer<String, byte[]> producer)
            throws IOException {
        Pacer pacer = config.pacer().create();
        for (Optional<CsvRow> next = reader.next();
                next.isPresent() && read.get() < config.limit();
                next = reader.next()) {
            read.incrementAndGet();
            CsvRow row = next.get();
            if (!row.ok()) {
                reject(row.error());
                continue;
            }
            UserEvent event = row.event();
            List<String> problems = validator.problems(event);
            if (!problems.isEmpty()) {
                reject("line " + row.lineNumber() + ": " + String.join("; ", problems));
                continue;
            }
            long delay = pacer.delayNanos(event.getEventTime().toEpochMilli(), System.nanoTime());
            if (delay > 0) {
                LockSupport.parkNanos(delay);
            }
            producer.send(
                    new ProducerRecord<>(
                            config.topic(),
                            event.getUserId().toString(),
                            Codecs.USER_EVENT.encode(event)),
                    (metadata, exception) -> {
                        if (exception == null) {
                            published.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            firstSendError.compareAndSet(null, exception);
                        }
                    });
        }
    }

    private void reject(String message) {
        long n = malformed.incrementAndGet();
        if (n <= MAX_REPORTED_ERRORS) {
            errors.add(message);
            err.println("malformed: " + message);
        } else if (n == MAX_REPORTED_ERRORS + 1) {
            err.println(
                    "malformed: more rows are malformed; only the count is reported from now on");
        }
    }

    private void checkTopic(Producer<String, byte[]> producer) {
        try {
            producer.partitionsFor(config.topic());
        } catch (KafkaException e) {
            throw new IllegalStateException(
                    "topic "
                            + config.topic()
                            + " is not available on "
                            + config.bootstrapServers()
                            + " ("
                            + e.getMessage()
                            + "); is the stack up (scripts/stack up)?",
                    e);
        }
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ladder-event-loader");
        props.putAll(config.producerProperties());
        return props;
    }

    /** Counts the bytes read from the file, for the progress bar. */
    private static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
