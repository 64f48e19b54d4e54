package io.ladder.train;

import java.time.Instant;

/**
 * Immutable settings of one item-tower training run. Build with {@link #builder()}; every field has
 * a named default.
 *
 * @param objective gnolr, binary or no-nesting
 * @param headDim dimension h of each per-level head
 * @param epochs maximum number of passes over the training pairs
 * @param threads worker threads; the output does not depend on it (see {@link BatchTrainer})
 * @param seed seeds initialisation, shuffling and negative sampling
 * @param negatives sampled negatives per positive pair
 * @param until events at or after this instant are never used; null = no bound (the window ends
 *     after the last event)
 * @param validationShare the last share of the window's events held out for early stopping and the
 *     report ({@link ValidationCut}); 0 = none
 * @param learningRate Adam step size
 * @param gamma scale of the cumulative logits; {@link #AUTO_GAMMA} (0) = chosen from the cutpoints
 *     so that no class probability can vanish (see {@link ItemTowerTrainer#autoGamma})
 * @param batchSize pairs per synchronous Adam step
 * @param patience epochs without a better validation AUC before stopping
 * @param idDropout probability that a training pair sees its item through the category only (trains
 *     the category heads to stand in for items the tower never saw)
 * @param popularityExponent negatives are drawn with probability proportional to count^exponent
 * @param modelVersion version id written to every record; null = derived from objective and time
 * @param refit after early stopping, train again from scratch on the whole window (held-out part
 *     included) for the best epoch count, and keep those vectors
 */
public record TrainConfig(
        Objective objective,
        int headDim,
        int epochs,
        int threads,
        long seed,
        int negatives,
        Instant until,
        double validationShare,
        double learningRate,
        double gamma,
        int batchSize,
        int patience,
        double idDropout,
        double popularityExponent,
        String modelVersion,
        boolean refit) {

    public static final Objective DEFAULT_OBJECTIVE = Objective.GNOLR;
    public static final int DEFAULT_HEAD_DIM = 32;
    public static final int DEFAULT_EPOCHS = 10;
    public static final int DEFAULT_THREADS = 1;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_NEGATIVES = 4;
    public static final double DEFAULT_VALIDATION_SHARE = ValidationCut.DEFAULT_SHARE;
    public static final double DEFAULT_LEARNING_RATE = 0.01;

    /** Gamma 0 asks the trainer to choose it from the window's cutpoints. */
    public static final double AUTO_GAMMA = 0.0;

    public static final double DEFAULT_GAMMA = AUTO_GAMMA;
    public static final int DEFAULT_BATCH_SIZE = 256;
    public static final int DEFAULT_PATIENCE = 2;
    public static final double DEFAULT_ID_DROPOUT = 0.5;
    public static final double DEFAULT_POPULARITY_EXPONENT = 0.75;

    public TrainConfig {
        require(objective != null, "objective must be set (gnolr, binary or no-nesting)");
        require(headDim >= 1, "head dimension must be >= 1, was " + headDim);
        require(epochs >= 1, "epochs must be >= 1, was " + epochs);
        require(threads >= 1, "threads must be >= 1, was " + threads);
        require(negatives >= 1, "negatives must be >= 1 (AUC of level 1 needs them)");
        require(
                validationShare >= 0 && validationShare < 1,
                "validation share must be in [0, 1), was " + validationShare);
        require(
                learningRate > 0 && Double.isFinite(learningRate),
                "learning rate must be > 0, was " + learningRate);
        require(
                gamma >= 0 && Double.isFinite(gamma),
                "gamma must be > 0 (or 0 for auto), was " + gamma);
        require(batchSize >= 1, "batch size must be >= 1, was " + batchSize);
        require(patience >= 1, "patience must be >= 1, was " + patience);
        require(idDropout >= 0 && idDropout < 1, "id dropout must be in [0,1), was " + idDropout);
        require(
                popularityExponent >= 0 && Double.isFinite(popularityExponent),
                "popularity exponent must be >= 0");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .objective(objective)
                .headDim(headDim)
                .epochs(epochs)
                .threads(threads)
                .seed(seed)
                .negatives(negatives)
                .until(until)
                .validationShare(validationShare)
                .learningRate(learningRate)
                .gamma(gamma)
                .batchSize(batchSize)
                .patience(patience)
                .idDropout(idDropout)
                .popularityExponent(popularityExponent)
                .modelVersion(modelVersion)
                .refit(refit);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private Objective objective = DEFAULT_OBJECTIVE;
        private int headDim = DEFAULT_HEAD_DIM;
        private int epochs = DEFAULT_EPOCHS;
        private int threads = DEFAULT_THREADS;
        private long seed = DEFAULT_SEED;
        private int negatives = DEFAULT_NEGATIVES;
        private Instant until;
        private double validationShare = DEFAULT_VALIDATION_SHARE;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private double gamma = DEFAULT_GAMMA;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int patience = DEFAULT_PATIENCE;
        private double idDropout = DEFAULT_ID_DROPOUT;
        private double popularityExponent = DEFAULT_POPULARITY_EXPONENT;
        private String modelVersion;
        private boolean refit;

        public Builder refit(boolean v) {
            refit = v;
            return this;
        }

        public Builder objective(Objective v) {
            objective = v;
            return this;
        }

        public Builder headDim(int v) {
            headDim = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder negatives(int v) {
            negatives = v;
            return this;
        }

        public Builder until(Instant v) {
            until = v;
            return this;
        }

        public Builder validationShare(double v) {
            validationShare = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder gamma(double v) {
            gamma = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder idDropout(double v) {
            idDropout = v;
            return this;
        }

        public Builder popularityExponent(double v) {
            popularityExponent = v;
            return this;
        }

        public Builder modelVersion(String v) {
            modelVersion = v;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(
                    objective,
                    headDim,
                    epochs,
                    threads,
                    seed,
                    negatives,
                    until,
                    validationShare,
                    learningRate,
                    gamma,
                    batchSize,
                    patience,
                    idDropout,
                    popularityExponent,
                    modelVersion,
                    refit);
        }
    }
}
