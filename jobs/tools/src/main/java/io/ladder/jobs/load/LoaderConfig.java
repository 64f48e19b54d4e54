package io.ladder.jobs.load;

import io.ladder.jobs.config.RawOptions;
import io.ladder.jobs.csv.BehaviorMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link EventLoader} loads, where, and how fast; parsed once from the command line.
 *
 * @param file the events CSV ({@code user_id,item_id,category_id,behavior,ts})
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic the events topic
 * @param pacer how fast to publish
 * @param mapping behavior names to event types
 * @param limit at most this many data rows are read ({@code Long.MAX_VALUE}: all)
 * @param progress how progress is shown on stderr
 * @param producerProperties extra Kafka producer properties ({@code --producer-property k=v})
 */
public record LoaderConfig(
        Path file,
        String bootstrapServers,
        String topic,
        Pacer.Spec pacer,
        BehaviorMapping mapping,
        long limit,
        Progress progress,
        Map<String, String> producerProperties) {

    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    public static final String DEFAULT_TOPIC = "ladder.events";

    /** How progress is shown: a redrawn bar (terminal), a line every few seconds, or nothing. */
    public enum Progress {
        AUTO,
        BAR,
        LINES,
        NONE
    }

    public static final String USAGE =
            String.join(
                    "\n",
                    "usage: load-events FILE [options]",
                    "  Publishes an events CSV (user_id,item_id,category_id,behavior,ts) to Kafka as"
                            + " Avro UserEvents keyed by user id.",
                    "  --bootstrap HOST:PORT      Kafka bootstrap servers (default "
                            + DEFAULT_BOOTSTRAP
                            + ")",
                    "  --topic NAME               events topic (default " + DEFAULT_TOPIC + ")",
                    "  --rate max|xN|N            as fast as possible (default), replay at N times"
                            + " the speed of the events' own timestamps, or N rows per second",
                    "  --mapping name=LEVEL,...   behavior names to CLICK|CART|PURCHASE (default "
                            + BehaviorMapping.DEFAULT_SPEC
                            + ")",
                    "  --limit N                  read at most N data rows",
                    "  --progress auto|bar|lines|none   progress on stderr (default auto: a bar on a"
                            + " terminal)",
                    "  --producer-property K=V    extra Kafka producer property (repeatable)",
                    "  -h, --help                 this help");

    /**
     * Parses command-line arguments with the shared {@link RawOptions}; a later option overrides an
     * earlier one.
     *
     * @throws IllegalArgumentException with a message that says what is wrong
     * @throws HelpRequested when {@code -h}/{@code --help} is given
     */
    public static LoaderConfig parse(String... args) {
        RawOptions o = RawOptions.parse(args);
        if (o.helpRequested()) {
            throw new HelpRequested();
        }
        String bootstrap = o.string("bootstrap", DEFAULT_BOOTSTRAP);
        String topic = o.string("topic", DEFAULT_TOPIC);
        Pacer.Spec pacer = Pacer.Spec.parse(o.string("rate", "max"));
        String mappingSpec = o.string("mapping", null);
        BehaviorMapping mapping =
                mappingSpec == null
                        ? BehaviorMapping.defaults()
                        : BehaviorMapping.parse(mappingSpec);
        long limit = o.number("limit", Long.MAX_VALUE);
        Progress progress = progress(o.string("progress", "auto"));
        Map<String, String> producer = new LinkedHashMap<>();
        for (String kv : o.all("producer-property")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "--producer-property wants KEY=VALUE, got '" + kv + "'");
            }
            producer.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Path file = Path.of(o.onePositional("FILE (the events CSV)"));
        o.refuseUnused("see load-events --help");
        if (limit <= 0) {
            throw new IllegalArgumentException("--limit wants a positive integer, got " + limit);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        if (bootstrap.isBlank() || topic.isBlank()) {
            throw new IllegalArgumentException("--bootstrap and --topic must not be empty");
        }
        return new LoaderConfig(
                file, bootstrap, topic, pacer, mapping, limit, progress, Map.copyOf(producer));
    }

    private static Progress progress(String text) {
        try {
            return Progress.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--progress wants auto, bar, lines or none, got '" + text + "'");
        }
    }

    /** Thrown by {@link #parse} for {@code --help}. */
    public static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help requested", null, false, false);
        }
    }
}
