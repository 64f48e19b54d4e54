package io.ladder.train;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The train command's arguments, parsed once.
 *
 * @param events events CSV to read
 * @param catalog optional CSV whose every item is also written/published with category heads
 * @param out output directory
 * @param compare train gnolr, binary and no-nesting on the same window and print a table
 * @param publish publish to Kafka
 * @param bootstrap Kafka bootstrap servers
 * @param topic items topic
 * @param config training settings
 */
public record TrainOptions(
        Path events,
        Path catalog,
        Path out,
        boolean compare,
        boolean publish,
        String bootstrap,
        String topic,
        TrainConfig config) {

    public static final String DEFAULT_TOPIC = "ladder.items";
    public static final Path DEFAULT_OUT = Path.of("out", "train");

    private static final java.util.Set<String> VALUE_FLAGS =
            java.util.Set.of(
                    "--events",
                    "--catalog",
                    "--out",
                    "--bootstrap",
                    "--topic",
                    "--until",
                    "--objective",
                    "--dim",
                    "--epochs",
                    "--patience",
                    "--threads",
                    "--seed",
                    "--negatives",
                    "--lr",
                    "--gamma",
                    "--batch",
                    "--id-dropout",
                    "--popularity-exponent",
                    "--validation-share",
                    "--model-version");

    public static final String USAGE =
            """
            usage: scripts/train --events FILE [options]
              --events FILE          events CSV (user_id,item_id,category_id,behavior,ts)
              --until TS             window end, exclusive: epoch seconds, epoch millis or ISO-8601;
                                     events at or after it are never used (default: after the last)
              --objective NAME       gnolr (default) | binary | no-nesting
              --compare              train all three objectives on the same window, print a table
              --dim N                head dimension (default 32)
              --epochs N             maximum epochs (default 10; early stopping on held-out AUC)
              --patience N           epochs without improvement before stopping (default 2)
              --threads N            worker threads (default 1; output identical for any N)
              --seed S               random seed (default 42)
              --negatives N          sampled negatives per positive pair (default 4)
              --lr X                 Adam learning rate (default 0.01)
              --gamma X|auto         logit scale (default auto: 0.95 x the smallest cutpoint gap, <= 4)
              --batch N              pairs per Adam step (default 256)
              --id-dropout X         share of examples trained through the category only (default 0.5)
              --popularity-exponent X  negatives ~ count^X (default 0.75)
              --validation-share X   held-out tail of the window: the last X of its events, as a
                                     time cut (default 0.1)
              --refit                after early stopping, retrain on the whole window (held-out
                                     part included) for the best epoch count and publish that
              --out DIR              output directory (default out/train)
              --catalog FILE         also emit every item of this CSV with its category's heads
              --model-version V      version id (default <objective>-<UTC time>)
              --publish              publish ModelInfo and items to Kafka
              --bootstrap HOST:PORT  Kafka bootstrap servers (with --publish)
              --topic NAME           items topic (default ladder.items)
            """;

    /**
     * @throws IllegalArgumentException with a message that says what to fix
     */
    public static TrainOptions parse(String[] args) {
        TrainConfig.Builder config = TrainConfig.builder();
        Path events = null;
        Path catalog = null;
        Path out = DEFAULT_OUT;
        boolean compare = false;
        boolean publish = false;
        String bootstrap = null;
        String topic = DEFAULT_TOPIC;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            switch (flag) {
                case "--compare" -> compare = true;
                case "--publish" -> publish = true;
                case "--refit" -> config.refit(true);
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> {
                    if (!VALUE_FLAGS.contains(flag)) {
                        throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
                    }
                    if (rest.isEmpty()) {
                        throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
                    }
                    String v = rest.remove(0);
                    switch (flag) {
                        case "--events" -> events = Path.of(v);
                        case "--catalog" -> catalog = Path.of(v);
                        case "--out" -> out = Path.of(v);
                        case "--bootstrap" -> bootstrap = v;
                        case "--topic" -> topic = v;
                        case "--until" -> config.until(parseInstant(v));
                        case "--objective" -> config.objective(Objective.parse(v));
                        case "--dim" -> config.headDim(integer(flag, v));
                        case "--epochs" -> config.epochs(integer(flag, v));
                        case "--patience" -> config.patience(integer(flag, v));
                        case "--threads" -> config.threads(integer(flag, v));
                        case "--seed" -> config.seed(Long.parseLong(v));
                        case "--negatives" -> config.negatives(integer(flag, v));
                        case "--lr" -> config.learningRate(real(flag, v));
                        case "--gamma" ->
                                config.gamma(
                                        v.equals("auto") ? TrainConfig.AUTO_GAMMA : real(flag, v));
                        case "--batch" -> config.batchSize(integer(flag, v));
                        case "--id-dropout" -> config.idDropout(real(flag, v));
                        case "--popularity-exponent" -> config.popularityExponent(real(flag, v));
                        case "--validation-share" -> config.validationShare(real(flag, v));
                        case "--model-version" -> config.modelVersion(v);
                        default ->
                                throw new IllegalArgumentException(
                                        "unknown option " + flag + "\n" + USAGE);
                    }
                }
            }
        }
        if (events == null) {
            throw new IllegalArgumentException("--events FILE is required\n" + USAGE);
        }
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
                events, catalog, out, compare, publish, bootstrap, topic, config.build());
    }

    /** Epoch seconds (below 10^11), epoch milliseconds, or an ISO-8601 instant. */
    static Instant parseInstant(String v) {
        try {
            long n = Long.parseLong(v.trim());
            return n < 100_000_000_000L ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(v.trim());
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(
                        "--until '" + v + "' is neither epoch seconds/millis nor ISO-8601");
            }
        }
    }

    private static int integer(String flag, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects an integer, got '" + v + "'");
        }
    }

    private static double real(String flag, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a number, got '" + v + "'");
        }
    }
}
