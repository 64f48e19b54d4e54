package io.ladder.retrain;

import io.ladder.jobs.config.RawOptions;
import io.ladder.train.QualityGate;
import io.ladder.train.TopicWindow;
import io.ladder.train.TrainConfig;
import io.ladder.train.TrainConfigOptions;
import io.ladder.train.TrainOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The retrain command's arguments, parsed once.
 *
 * @param bootstrap Kafka bootstrap servers
 * @param eventsTopic the events topic each run reads its window from
 * @param itemsTopic the compacted items topic: previous version in, new version out
 * @param window event-time window of each run
 * @param every time between the starts of two runs
 * @param once a single run, then exit (what the CronJob runs)
 * @param runs the loop stops after this many runs; 0 = never
 * @param until a fixed window end (tests, backfills); null = the run's start time
 * @param seekMargin see {@link TopicWindow#seekMargin()}
 * @param maxEvents see {@link TopicWindow#maxEvents()}
 * @param gateMargin how much lower than the previous tower's the new held-out AUC may be
 * @param cold never warm-start (measuring, or after a change of the tower's shape)
 * @param out each run writes its tower to {@code out/<version>/} (what a rollback republishes)
 * @param republish a run's output directory to publish again as a new version (rollback); null for
 *     training runs
 * @param config training settings (until and version are set per run)
 */
public record RetrainOptions(
        String bootstrap,
        String eventsTopic,
        String itemsTopic,
        Duration window,
        Duration every,
        boolean once,
        long runs,
        Instant until,
        Duration seekMargin,
        long maxEvents,
        double gateMargin,
        boolean cold,
        Path out,
        Path republish,
        TrainConfig config) {
    public static final Duration DEFAULT_EVERY = Duration.ofHours(6);
    public static final Path DEFAULT_OUT = Path.of("out", "retrain");

    public static final String USAGE =
            """
            usage: scripts/retrain --bootstrap HOST:PORT [--every 6h] [--window 7d] [--once] [options]
                   scripts/retrain --bootstrap HOST:PORT --republish DIR   (rollback)
              --events-topic NAME    events topic (default ladder.events)
              --items-topic NAME     items topic, read for the previous version and written
                                     (default ladder.items)
              --every D              start a run every D, the first at once (default 6h)
              --once                 one run, then exit (the CronJob)
              --runs N               stop the loop after N runs (default 0: never)
              --window D             event-time window of each run, ending at its start (default 7d)
              --until now|TS         fix the window's end instead (tests, backfills)
              --seek-margin D        see scripts/train (default 1h)
              --max-events N         see scripts/train (default 20000000)
              --gate-margin X        refuse a tower whose held-out AUC is below the previous one's
                                     minus X (default 0.01)
              --cold                 do not warm-start from the previous version
              --out DIR              each run's tower goes to DIR/<version>/ (default out/retrain)
              --republish DIR        publish the tower in DIR (a run's output) again as a new
                                     version, so it orders after the current one: the rollback
            training options, as scripts/train:
            """
                    + TrainConfigOptions.USAGE;

    /**
     * @throws IllegalArgumentException with a message that says what to fix
     */
    public static RetrainOptions parse(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
        }
        RawOptions o = RawOptions.parse(args);
        TrainConfig config = TrainConfigOptions.read(o).build();
        if (config.modelVersion() != null) {
            throw new IllegalArgumentException(
                    "--model-version: each retrain run names its own version (it must order after"
                            + " the previous one)");
        }
        String republish = o.string("republish", null);
        RetrainOptions options =
                new RetrainOptions(
                        o.string("bootstrap", null),
                        o.string("events-topic", TopicWindow.DEFAULT_EVENTS_TOPIC),
                        o.string("items-topic", TrainOptions.DEFAULT_TOPIC),
                        o.duration("window", TopicWindow.DEFAULT_WINDOW),
                        o.duration("every", DEFAULT_EVERY),
                        o.flag("once", false),
                        o.number("runs", 0),
                        config.until(),
                        o.duration("seek-margin", TopicWindow.DEFAULT_SEEK_MARGIN),
                        o.number("max-events", TopicWindow.DEFAULT_MAX_EVENTS),
                        o.decimal("gate-margin", QualityGate.DEFAULT_MARGIN),
                        o.flag("cold", false),
                        Path.of(o.string("out", DEFAULT_OUT.toString())),
                        republish == null ? null : Path.of(republish),
                        config);
        o.refuseUnused(USAGE);
        if (options.bootstrap() == null) {
            throw new IllegalArgumentException("--bootstrap host:port is required\n" + USAGE);
        }
        if (options.every().isZero() || options.every().isNegative()) {
            throw new IllegalArgumentException("--every must be positive");
        }
        if (options.runs() < 0) {
            throw new IllegalArgumentException("--runs must be >= 0");
        }
        if (!(options.gateMargin() >= 0)) {
            throw new IllegalArgumentException("--gate-margin must be >= 0");
        }
        // checks the window options now rather than at the first run
        options.topicWindow(Instant.now());
        return options;
    }

    /** The events window of a run that starts at {@code now}. */
    public TopicWindow topicWindow(Instant now) {
        return new TopicWindow(
                bootstrap, eventsTopic, window, until != null ? until : now, seekMargin, maxEvents);
    }
}
