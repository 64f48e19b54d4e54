package io.ladder.evaluate;

import io.ladder.jobs.config.RawOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parsed command line of {@code scripts/evaluate}. Options of the job ({@code --model.*}, {@code
 * --list.*}, {@code --trending.*}, {@code --user.*}) pass through to every Recommender run.
 */
public record EvaluateOptions(
        Path events,
        Instant warmupUntil,
        int[] ks,
        Path out,
        boolean catalogueAll,
        long seed,
        List<String> systems,
        int bootstrap,
        int epochs,
        int threads,
        int annQueries,
        long popularityHalfLifeMillis,
        long categoryHalfLifeMillis,
        List<String> jobArgs,
        boolean progress,
        boolean tune,
        double idDropout,
        int negatives,
        double popularityExponent,
        RetrainSchedule retrainEvery,
        Path dumpQueries) {

    public static final List<String> ALL_SYSTEMS =
            List.of(
                    "pipeline",
                    "popularity",
                    "category_popularity",
                    "recent",
                    "covisit",
                    "covisit_touched",
                    "binary",
                    "single_interest",
                    "no_co_engagement");

    /**
     * Every system {@code --systems} accepts: the default ones, plus {@code train_once} (the
     * pipeline on the warm-up's tower only, never retrained: the paired reference of a {@code
     * --retrain-every} run).
     */
    public static final List<String> KNOWN_SYSTEMS =
            java.util.stream.Stream.concat(
                            ALL_SYSTEMS.stream(), java.util.stream.Stream.of("train_once"))
                    .toList();

    /** The systems that need no item tower (cheap: seconds on dev.csv). */
    public static final List<String> BASELINES =
            List.of("popularity", "category_popularity", "recent", "covisit", "covisit_touched");

    public static final String DEFAULT_KS = "10,20,50,100";
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_BOOTSTRAP = 1000;
    public static final int DEFAULT_THREADS = 2;
    public static final int DEFAULT_ANN_QUERIES = 300;
    public static final long DEFAULT_POPULARITY_HALF_LIFE_MILLIS = 24L * 3600 * 1000;

    /**
     * Half-life of {@code category_popularity}'s counts: 30 days. Within a category a day of counts
     * is a few users' sessions; on ml-small 24 h gives purchase R@50 0.083, 30 days 0.152 (the
     * independent figure jobs/EVALUATE.md cites is 0.150).
     */
    public static final long DEFAULT_CATEGORY_HALF_LIFE_MILLIS = 720L * 3600 * 1000;

    /** Job option groups passed through to every Recommender run. */
    static final List<String> JOB_OPTION_PREFIXES =
            List.of(
                    "model.",
                    "list.",
                    "trending.",
                    "user.",
                    "retrieval.",
                    "index.",
                    "co-engagement.");

    static final String USAGE =
            "usage: scripts/evaluate --events FILE --warmup-until TS --out DIR"
                    + " [--k 10,20,50,100] [--catalog all|seen] [--seed 42]"
                    + " [--systems pipeline,popularity,category_popularity,recent,covisit,covisit_touched,"
                    + "binary,single_interest,no_co_engagement]"
                    + " [--resamples 1000] [--epochs N] [--threads 2] [--ann-queries 300]"
                    + " [--popularity-half-life-hours 24] [--category-half-life-hours 720]"
                    + " [--train.id-dropout X] [--train.negatives N] [--train.popularity-exponent X]"
                    + " [--tune] [--retrain-every 1d|N-events|P%] [--dump-queries FILE] [--no-progress]"
                    + " [--model.* / --list.* / --trending.* / --user.* / --retrieval.* / --index.* / --co-engagement.* job options]";

    /**
     * @throws IllegalArgumentException saying what to fix
     */
    public static EvaluateOptions parse(String... args) {
        RawOptions o = RawOptions.parse(args);
        if (o.string("bootstrap", null) != null) {
            // every other command names Kafka's servers --bootstrap
            throw new IllegalArgumentException(
                    "--bootstrap is now --resamples (the paired-bootstrap resamples); " + USAGE);
        }
        String eventsFile = o.string("events", null);
        Path events = eventsFile == null ? null : Path.of(eventsFile);
        String untilText = o.string("warmup-until", null);
        Instant until = untilText == null ? null : Timestamps.parse(untilText);
        String ks = o.string("k", DEFAULT_KS);
        String outDir = o.string("out", null);
        Path out = outDir == null ? null : Path.of(outDir);
        String catalogue = o.string("catalog", "all").toLowerCase(Locale.ROOT);
        long seed = o.number("seed", DEFAULT_SEED);
        String systems = o.string("systems", String.join(",", ALL_SYSTEMS));
        int bootstrap = (int) o.number("resamples", DEFAULT_BOOTSTRAP);
        int epochs = (int) o.number("epochs", io.ladder.train.TrainConfig.DEFAULT_EPOCHS);
        int threads = (int) o.number("threads", DEFAULT_THREADS);
        int annQueries = (int) o.number("ann-queries", DEFAULT_ANN_QUERIES);
        long halfLife =
                (long)
                        (o.decimal(
                                        "popularity-half-life-hours",
                                        DEFAULT_POPULARITY_HALF_LIFE_MILLIS / 3600_000.0)
                                * 3600_000);
        long categoryHalfLife =
                (long)
                        (o.decimal(
                                        "category-half-life-hours",
                                        DEFAULT_CATEGORY_HALF_LIFE_MILLIS / 3600_000.0)
                                * 3600_000);
        boolean progress = !o.flag("no-progress", false);
        boolean tune = o.flag("tune", false);
        double idDropout =
                o.decimal("train.id-dropout", io.ladder.train.TrainConfig.DEFAULT_ID_DROPOUT);
        int negatives =
                (int) o.number("train.negatives", io.ladder.train.TrainConfig.DEFAULT_NEGATIVES);
        double popularityExponent =
                o.decimal(
                        "train.popularity-exponent",
                        io.ladder.train.TrainConfig.DEFAULT_POPULARITY_EXPONENT);
        String retrain = o.string("retrain-every", null);
        RetrainSchedule retrainEvery = retrain == null ? null : RetrainSchedule.parse(retrain);
        String dump = o.string("dump-queries", null);
        Path dumpQueries = dump == null ? null : Path.of(dump);
        List<String> jobArgs = new ArrayList<>();
        for (String prefix : JOB_OPTION_PREFIXES) {
            o.withPrefix(prefix)
                    .forEach(
                            (key, value) -> {
                                jobArgs.add("--" + prefix + key);
                                jobArgs.add(value);
                            });
        }
        o.refuseUnused(USAGE);
        require(events != null, "--events FILE is required; " + USAGE);
        require(until != null, "--warmup-until TS is required; " + USAGE);
        require(out != null, "--out DIR is required; " + USAGE);
        require(
                catalogue.equals("all") || catalogue.equals("seen"),
                "--catalog must be all or seen, was '" + catalogue + "'");
        require(bootstrap >= 0, "--resamples must be >= 0");
        require(epochs >= 1, "--epochs must be >= 1");
        require(threads >= 1, "--threads must be >= 1");
        require(annQueries >= 0, "--ann-queries must be >= 0");
        require(
                dumpQueries == null || annQueries > 0,
                "--dump-queries writes the --ann-queries sample: give --ann-queries > 0");
        require(halfLife > 0, "--popularity-half-life-hours must be > 0");
        require(categoryHalfLife > 0, "--category-half-life-hours must be > 0");
        return new EvaluateOptions(
                events,
                until,
                parseKs(ks),
                out,
                catalogue.equals("all"),
                seed,
                parseSystems(systems),
                bootstrap,
                epochs,
                threads,
                annQueries,
                halfLife,
                categoryHalfLife,
                List.copyOf(jobArgs),
                progress,
                tune,
                idDropout,
                negatives,
                popularityExponent,
                retrainEvery,
                dumpQueries);
    }

    static int[] parseKs(String value) {
        try {
            int[] ks =
                    Arrays.stream(value.split(","))
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .mapToInt(Integer::parseInt)
                            .distinct()
                            .sorted()
                            .toArray();
            require(ks.length > 0 && ks[0] >= 1, "--k needs positive integers, e.g. 10,20,50,100");
            return ks;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--k needs comma-separated integers, e.g. 10,20,50,100; was '" + value + "'");
        }
    }

    static List<String> parseSystems(String value) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : value.split(",")) {
            String name = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            if (name.isEmpty()) {
                continue;
            }
            require(
                    KNOWN_SYSTEMS.contains(name),
                    "unknown system '" + s + "'; known: " + KNOWN_SYSTEMS);
            out.add(name);
        }
        require(!out.isEmpty(), "--systems is empty; known: " + KNOWN_SYSTEMS);
        // Always in the canonical order, so reports line up run to run.
        return KNOWN_SYSTEMS.stream().filter(out::contains).toList();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public int maxK() {
        return ks[ks.length - 1];
    }
}
