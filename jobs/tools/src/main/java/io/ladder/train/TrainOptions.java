package io.ladder.train;

import io.ladder.jobs.config.RawOptions;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The train command's arguments, parsed once (with {@link RawOptions}, the one options parser).
 *
 * @param events events CSV to read; null when the window comes from the events topic
 * @param source the events topic window to read; null when reading a CSV
 * @param catalog optional CSV whose every item is also written/published with category heads
 * @param out output directory
 * @param compare train gnolr, binary and no-nesting on the same window and print a table
 * @param publish publish to Kafka
 * @param bootstrap Kafka bootstrap servers
 * @param topic items topic
 * @param warmFrom a previous run's output directory to warm-start from; null = cold start
 * @param config training settings
 */
public record TrainOptions(
        Path events,
        TopicWindow source,
        Path catalog,
        Path out,
        boolean compare,
        boolean publish,
        String bootstrap,
        String topic,
        Path warmFrom,
        TrainConfig config) {

    public static final String DEFAULT_TOPIC = "ladder.items";
    public static final Path DEFAULT_OUT = Path.of("out", "train");

    public static final String USAGE =
            "usage: scripts/train --events FILE [options]\n"
                    + "       scripts/train --events-topic NAME --bootstrap HOST:PORT [--window 7d]"
                    + " [--until now|TS] [options]\n"
                    + """
              --events FILE          events CSV (user_id,item_id,category_id,behavior,ts)
              --until TS             window end, exclusive: now, epoch seconds, epoch millis or
                                     ISO-8601; events at or after it are never used (default: after
                                     the last CSV row; now for the topic)
            """
                    + TopicWindow.USAGE
                    + TrainConfigOptions.USAGE
                    + """
              --compare              train all three objectives on the same window, print a table
              --out DIR              output directory (default out/train)
              --catalog FILE         also emit every item of this CSV with its category's heads
              --warm-from DIR        start from the tower a previous run wrote to DIR (items.avro,
                                     model-info.avro) where ids carry over (default: cold start)
              --publish              publish ModelInfo and items to Kafka
              --topic NAME           items topic (default ladder.items)
            """;

    /**
     * @throws IllegalArgumentException with a message that says what to fix
     */
    public static TrainOptions parse(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
        }
        RawOptions o = RawOptions.parse(args);
        String eventsFile = o.string("events", null);
        boolean fromTopic = o.string("events-topic", null) != null;
        if ((eventsFile == null) == !fromTopic) {
            throw new IllegalArgumentException(
                    "give one source: --events FILE or --events-topic NAME --bootstrap H:P\n"
                            + USAGE);
        }
        TrainConfig.Builder config = TrainConfigOptions.read(o);
        TopicWindow source = null;
        if (fromTopic) {
            Instant until = config.build().until();
            if (until == null) {
                until = Instant.now();
                config.until(until);
            }
            source = TopicWindow.read(o, until);
        }
        String catalog = o.string("catalog", null);
        Path out = Path.of(o.string("out", DEFAULT_OUT.toString()));
        boolean compare = o.flag("compare", false);
        boolean publish = o.flag("publish", false);
        String bootstrap = o.string("bootstrap", null);
        String topic = o.string("topic", DEFAULT_TOPIC);
        String warmFrom = o.string("warm-from", null);
        o.refuseUnused(USAGE);
        if (publish && (bootstrap == null || bootstrap.isBlank())) {
            throw new IllegalArgumentException("--publish needs --bootstrap host:port");
        }
        if (publish && compare) {
            throw new IllegalArgumentException(
                    "--compare does not publish (the three versions would overwrite each other"
                            + " on one topic): publish one objective per run, e.g. --objective"
                            + " binary --topic ladder.items.binary --publish");
        }
        return new TrainOptions(
                eventsFile == null ? null : Path.of(eventsFile),
                source,
                catalog == null ? null : Path.of(catalog),
                out,
                compare,
                publish,
                bootstrap,
                topic,
                warmFrom == null ? null : Path.of(warmFrom),
                config.build());
    }

    /** Epoch seconds (below 10^11), epoch milliseconds, an ISO-8601 instant, or now. */
    static Instant parseInstant(String v) {
        return TrainConfigOptions.parseInstant(v, Instant.now());
    }

    /** Where the events come from, for logs and the report. */
    String sourceName() {
        return events != null ? events.toString() : source.topic() + "@" + source.bootstrap();
    }
}
