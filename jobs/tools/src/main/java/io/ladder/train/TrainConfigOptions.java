package io.ladder.train;

import io.ladder.jobs.config.RawOptions;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The training settings' options, shared by {@code scripts/train} and {@code scripts/retrain} so
 * both spell and check them the same way. Defaults live in {@link TrainConfig}.
 */
public final class TrainConfigOptions {
    public static final String USAGE =
            """
              --objective NAME       gnolr (default) | binary | no-nesting
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
              --model-version V      version id (default <objective>-<UTC time>)
            """;

    private TrainConfigOptions() {}

    /** Reads every training option of {@code o} (with {@code --until}) into a builder. */
    public static TrainConfig.Builder read(RawOptions o) {
        TrainConfig.Builder b = TrainConfig.builder();
        String objective = o.string("objective", null);
        if (objective != null) {
            b.objective(Objective.parse(objective));
        }
        b.headDim(o.integer("dim", TrainConfig.DEFAULT_HEAD_DIM, 0, 4096));
        b.epochs(o.integer("epochs", TrainConfig.DEFAULT_EPOCHS, 0, 100_000));
        b.patience(o.integer("patience", TrainConfig.DEFAULT_PATIENCE, 0, 100_000));
        b.threads(o.integer("threads", TrainConfig.DEFAULT_THREADS, 0, 1024));
        b.seed(o.number("seed", TrainConfig.DEFAULT_SEED));
        b.negatives(o.integer("negatives", TrainConfig.DEFAULT_NEGATIVES, 0, 10_000));
        b.learningRate(o.decimal("lr", TrainConfig.DEFAULT_LEARNING_RATE));
        String gamma = o.string("gamma", "auto");
        b.gamma(gamma.equals("auto") ? TrainConfig.AUTO_GAMMA : real("gamma", gamma));
        b.batchSize(o.integer("batch", TrainConfig.DEFAULT_BATCH_SIZE, 0, 1 << 24));
        b.idDropout(o.decimal("id-dropout", TrainConfig.DEFAULT_ID_DROPOUT));
        b.popularityExponent(
                o.decimal("popularity-exponent", TrainConfig.DEFAULT_POPULARITY_EXPONENT));
        b.validationShare(o.decimal("validation-share", TrainConfig.DEFAULT_VALIDATION_SHARE));
        b.refit(o.flag("refit", false));
        b.modelVersion(o.string("model-version", null));
        String until = o.string("until", null);
        if (until != null) {
            b.until(parseInstant(until, Instant.now()));
        }
        return b;
    }

    /**
     * {@code now}, epoch seconds (below 10^11), epoch milliseconds, or an ISO-8601 instant.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant parseInstant(String v, Instant now) {
        String s = v.trim();
        if (s.equalsIgnoreCase("now")) {
            return now;
        }
        try {
            long n = Long.parseLong(s);
            return n < 100_000_000_000L ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(
                        "--until '" + v + "' is neither now, epoch seconds/millis nor ISO-8601");
            }
        }
    }

    private static double real(String key, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " expects a number, got '" + v + "'");
        }
    }
}
