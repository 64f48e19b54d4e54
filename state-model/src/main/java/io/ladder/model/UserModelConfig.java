package io.ladder.model;

import java.util.Arrays;

/**
 * Settings of the online user model ({@link UserModel}), parsed once and immutable. Build with
 * {@link #builder()}; every default is a named constant, and {@link Builder#build()} rejects values
 * that would make the model misbehave with a message that says what to change.
 *
 * <p>Event levels are the data's feedback ladder ({@link #CLICK} &lt; {@link #CART} &lt; {@link
 * #PURCHASE}) whatever {@link #levels()} is: the model trains on label {@code min(level, T)}, so
 * the binary ablation (T = 1) takes the same event stream and counts any engagement as positive.
 */
public final class UserModelConfig {
    /** Feedback ladder of the events: click/view. */
    public static final int CLICK = 1;

    /** Feedback ladder of the events: cart (Taobao's fav included). */
    public static final int CART = 2;

    /** Feedback ladder of the events: purchase; also the level that fills the purchased filter. */
    public static final int PURCHASE = 3;

    /** Levels of the event ladder; T may be lower (ablations) but not higher. */
    public static final int EVENT_LEVELS = 3;

    public static final int DEFAULT_LEVELS = 3;
    public static final int DEFAULT_HEAD_DIM = 32;
    public static final int DEFAULT_MAX_INTERESTS = 4;

    /**
     * Similarity (see {@link InterestSimilarity}) above which an event joins its nearest interest.
     * Items of one taste sit well above it; unrelated unit vectors of dimension 32 have cosines of
     * about +-0.18, so 0.5 is nearly three standard deviations out.
     */
    public static final double DEFAULT_JOIN_THRESHOLD = 0.5;

    public static final InterestSimilarity DEFAULT_INTEREST_SIMILARITY =
            InterestSimilarity.ENGAGEMENT_HEAD;

    public static final long DEFAULT_INTEREST_HALF_LIFE_MILLIS = 3L * 24 * 3600 * 1000;

    /** Importance of an event at ladder level 1, 2, 3 in the interest weights. */
    private static final double[] DEFAULT_LEVEL_WEIGHTS = {1.0, 2.0, 4.0};

    public static final double DEFAULT_LEARNING_RATE = 0.05;

    /** Step toward the item of the MOVING_AVERAGE ablation, times the level weight / top weight. */
    public static final double DEFAULT_MOVING_AVERAGE_RATE = 0.2;

    public static final int DEFAULT_RECENT_ITEMS = 50;
    public static final int DEFAULT_PURCHASED_ITEMS = 50;
    public static final UpdateRule DEFAULT_UPDATE_RULE = UpdateRule.SGD;
    public static final int DEFAULT_NEGATIVES_PER_EVENT = 0;
    public static final long DEFAULT_SEED = 42L;

    /**
     * Touched-item blend defaults: every touched item gets {@code 1 + 2^(-age / halfLife)}, which
     * is above any model probability (at most 1) and strictly decreasing in age, so the user's
     * recent items come first and in recency order (the fallback that ranks well on real data). The
     * evaluation tunes the other weights; they start at zero.
     */
    public static final double DEFAULT_TOUCHED_BOOST = 1.0;

    public static final double DEFAULT_TOUCHED_MODEL_WEIGHT = 0.0;
    public static final double DEFAULT_TOUCHED_RECENCY_WEIGHT = 1.0;
    public static final double DEFAULT_TOUCHED_LEVEL_WEIGHT = 0.0;
    public static final double DEFAULT_TOUCHED_COUNT_WEIGHT = 0.0;
    public static final double DEFAULT_TOUCHED_PURCHASED_WEIGHT = 0.0;
    public static final long DEFAULT_TOUCHED_RECENCY_HALF_LIFE_MILLIS = 7L * 24 * 3600 * 1000;

    /** Which cosine decides whether an event joins an interest and which interests merge. */
    public enum InterestSimilarity {
        /**
         * Cosine of the level-1 heads: the interest under which the engagement was most likely (P(k
         * >= 1) rises with c_1). Every engagement pulls head 1 toward the item, while clicks
         * rightly push the cart head away (engaged, not carted), so the learned concatenated vector
         * of a click-heavy user is far from the very items it was fitted on.
         */
        ENGAGEMENT_HEAD,
        /** Cosine of the concatenated T heads (their inner product over T). */
        CONCATENATED
    }

    /** How an event moves the user's interest vector. */
    public enum UpdateRule {
        /** Projected SGD step on GNOLR's nested loss w.r.t. the interest's heads. */
        SGD,
        /** Feedback-weighted moving average of item vectors: the cheap ablation. */
        MOVING_AVERAGE
    }

    private final int levels;
    private final int headDim;
    private final int maxInterests;
    private final double joinThreshold;
    private final InterestSimilarity interestSimilarity;
    private final long interestHalfLifeMillis;
    private final double[] levelWeights;
    private final double learningRate;
    private final double movingAverageRate;
    private final int recentItems;
    private final int purchasedItems;
    private final UpdateRule updateRule;
    private final int negativesPerEvent;
    private final long seed;
    private final double touchedBoost;
    private final double touchedModelWeight;
    private final double touchedRecencyWeight;
    private final double touchedLevelWeight;
    private final double touchedCountWeight;
    private final double touchedPurchasedWeight;
    private final long touchedRecencyHalfLifeMillis;

    private UserModelConfig(Builder b) {
        this.levels = b.levels;
        this.headDim = b.headDim;
        this.maxInterests = b.maxInterests;
        this.joinThreshold = b.joinThreshold;
        this.interestSimilarity = b.interestSimilarity;
        this.interestHalfLifeMillis = b.interestHalfLifeMillis;
        this.levelWeights = b.levelWeights.clone();
        this.learningRate = b.learningRate;
        this.movingAverageRate = b.movingAverageRate;
        this.recentItems = b.recentItems;
        this.purchasedItems = b.purchasedItems;
        this.updateRule = b.updateRule;
        this.negativesPerEvent = b.negativesPerEvent;
        this.seed = b.seed;
        this.touchedBoost = b.touchedBoost;
        this.touchedModelWeight = b.touchedModelWeight;
        this.touchedRecencyWeight = b.touchedRecencyWeight;
        this.touchedLevelWeight = b.touchedLevelWeight;
        this.touchedCountWeight = b.touchedCountWeight;
        this.touchedPurchasedWeight = b.touchedPurchasedWeight;
        this.touchedRecencyHalfLifeMillis = b.touchedRecencyHalfLifeMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults: T = 3, h = 32, K = 4, SGD. */
    public static UserModelConfig defaults() {
        return builder().build();
    }

    /** A builder starting from this config, for ablations of one setting. */
    public Builder toBuilder() {
        return new Builder()
                .levels(levels)
                .headDim(headDim)
                .maxInterests(maxInterests)
                .joinThreshold(joinThreshold)
                .interestSimilarity(interestSimilarity)
                .interestHalfLifeMillis(interestHalfLifeMillis)
                .levelWeights(levelWeights)
                .learningRate(learningRate)
                .movingAverageRate(movingAverageRate)
                .recentItems(recentItems)
                .purchasedItems(purchasedItems)
                .updateRule(updateRule)
                .negativesPerEvent(negativesPerEvent)
                .seed(seed)
                .touchedBoost(touchedBoost)
                .touchedModelWeight(touchedModelWeight)
                .touchedRecencyWeight(touchedRecencyWeight)
                .touchedLevelWeight(touchedLevelWeight)
                .touchedCountWeight(touchedCountWeight)
                .touchedPurchasedWeight(touchedPurchasedWeight)
                .touchedRecencyHalfLifeMillis(touchedRecencyHalfLifeMillis);
    }

    /** T: feedback levels the model separates (3; 1 = binary ablation). */
    public int levels() {
        return levels;
    }

    /** h: dimension of one head. */
    public int headDim() {
        return headDim;
    }

    /** T * h: length of a user or item retrieval vector. */
    public int vectorLength() {
        return levels * headDim;
    }

    /** K: interests per user (1 = single-interest ablation). */
    public int maxInterests() {
        return maxInterests;
    }

    public double joinThreshold() {
        return joinThreshold;
    }

    public InterestSimilarity interestSimilarity() {
        return interestSimilarity;
    }

    public long interestHalfLifeMillis() {
        return interestHalfLifeMillis;
    }

    /** Weight of an event at ladder level {@code level} (1..3) in the interest importance. */
    public double levelWeight(int level) {
        return levelWeights[level - 1];
    }

    public double[] levelWeights() {
        return levelWeights.clone();
    }

    public double learningRate() {
        return learningRate;
    }

    public double movingAverageRate() {
        return movingAverageRate;
    }

    public int recentItems() {
        return recentItems;
    }

    public int purchasedItems() {
        return purchasedItems;
    }

    public UpdateRule updateRule() {
        return updateRule;
    }

    /** Sampled negatives the job should feed to {@link UserModel#negative} per engagement event. */
    public int negativesPerEvent() {
        return negativesPerEvent;
    }

    /** Seed for anything random around the model (negative sampling in the job). */
    public long seed() {
        return seed;
    }

    public double touchedBoost() {
        return touchedBoost;
    }

    public double touchedModelWeight() {
        return touchedModelWeight;
    }

    public double touchedRecencyWeight() {
        return touchedRecencyWeight;
    }

    public double touchedLevelWeight() {
        return touchedLevelWeight;
    }

    public double touchedCountWeight() {
        return touchedCountWeight;
    }

    /**
     * Added to a touched item the user bought (among the last purchased-items-bound purchases).
     * Matters only where bought items stay candidates ({@code retrieval.drop-purchased false}): a
     * negative weight keeps repeat-purchase candidates in the list but below items the user has not
     * bought yet, which most purchases are.
     */
    public double touchedPurchasedWeight() {
        return touchedPurchasedWeight;
    }

    public long touchedRecencyHalfLifeMillis() {
        return touchedRecencyHalfLifeMillis;
    }

    @Override
    public String toString() {
        return "UserModelConfig{T="
                + levels
                + ", h="
                + headDim
                + ", K="
                + maxInterests
                + ", join="
                + joinThreshold
                + " "
                + interestSimilarity
                + ", halfLifeMs="
                + interestHalfLifeMillis
                + ", levelWeights="
                + Arrays.toString(levelWeights)
                + ", lr="
                + learningRate
                + ", maRate="
                + movingAverageRate
                + ", recent="
                + recentItems
                + ", purchased="
                + purchasedItems
                + ", rule="
                + updateRule
                + ", negatives="
                + negativesPerEvent
                + ", seed="
                + seed
                + ", touched=["
                + touchedBoost
                + ", "
                + touchedModelWeight
                + ", "
                + touchedRecencyWeight
                + ", "
                + touchedLevelWeight
                + ", "
                + touchedCountWeight
                + ", "
                + touchedPurchasedWeight
                + ", "
                + touchedRecencyHalfLifeMillis
                + "]}";
    }

    /** Collects settings; {@link #build()} validates them. */
    public static final class Builder {
        private int levels = DEFAULT_LEVELS;
        private int headDim = DEFAULT_HEAD_DIM;
        private int maxInterests = DEFAULT_MAX_INTERESTS;
        private double joinThreshold = DEFAULT_JOIN_THRESHOLD;
        private InterestSimilarity interestSimilarity = DEFAULT_INTEREST_SIMILARITY;
        private long interestHalfLifeMillis = DEFAULT_INTEREST_HALF_LIFE_MILLIS;
        private double[] levelWeights = DEFAULT_LEVEL_WEIGHTS.clone();
        private double learningRate = DEFAULT_LEARNING_RATE;
        private double movingAverageRate = DEFAULT_MOVING_AVERAGE_RATE;
        private int recentItems = DEFAULT_RECENT_ITEMS;
        private int purchasedItems = DEFAULT_PURCHASED_ITEMS;
        private UpdateRule updateRule = DEFAULT_UPDATE_RULE;
        private int negativesPerEvent = DEFAULT_NEGATIVES_PER_EVENT;
        private long seed = DEFAULT_SEED;
        private double touchedBoost = DEFAULT_TOUCHED_BOOST;
        private double touchedModelWeight = DEFAULT_TOUCHED_MODEL_WEIGHT;
        private double touchedRecencyWeight = DEFAULT_TOUCHED_RECENCY_WEIGHT;
        private double touchedLevelWeight = DEFAULT_TOUCHED_LEVEL_WEIGHT;
        private double touchedCountWeight = DEFAULT_TOUCHED_COUNT_WEIGHT;
        private double touchedPurchasedWeight = DEFAULT_TOUCHED_PURCHASED_WEIGHT;
        private long touchedRecencyHalfLifeMillis = DEFAULT_TOUCHED_RECENCY_HALF_LIFE_MILLIS;

        private Builder() {}

        public Builder levels(int levels) {
            this.levels = levels;
            return this;
        }

        public Builder headDim(int headDim) {
            this.headDim = headDim;
            return this;
        }

        public Builder maxInterests(int maxInterests) {
            this.maxInterests = maxInterests;
            return this;
        }

        public Builder joinThreshold(double joinThreshold) {
            this.joinThreshold = joinThreshold;
            return this;
        }

        public Builder interestSimilarity(InterestSimilarity interestSimilarity) {
            this.interestSimilarity = interestSimilarity;
            return this;
        }

        public Builder interestHalfLifeMillis(long interestHalfLifeMillis) {
            this.interestHalfLifeMillis = interestHalfLifeMillis;
            return this;
        }

        /** Importance of ladder levels 1..3 (click, cart, purchase); three non-negative values. */
        public Builder levelWeights(double... levelWeights) {
            this.levelWeights = levelWeights.clone();
            return this;
        }

        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder movingAverageRate(double movingAverageRate) {
            this.movingAverageRate = movingAverageRate;
            return this;
        }

        public Builder recentItems(int recentItems) {
            this.recentItems = recentItems;
            return this;
        }

        public Builder purchasedItems(int purchasedItems) {
            this.purchasedItems = purchasedItems;
            return this;
        }

        public Builder updateRule(UpdateRule updateRule) {
            this.updateRule = updateRule;
            return this;
        }

        public Builder negativesPerEvent(int negativesPerEvent) {
            this.negativesPerEvent = negativesPerEvent;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Added to every touched item's score; >= 1 keeps touched items above untouched ones. */
        public Builder touchedBoost(double touchedBoost) {
            this.touchedBoost = touchedBoost;
            return this;
        }

        public Builder touchedModelWeight(double touchedModelWeight) {
            this.touchedModelWeight = touchedModelWeight;
            return this;
        }

        public Builder touchedRecencyWeight(double touchedRecencyWeight) {
            this.touchedRecencyWeight = touchedRecencyWeight;
            return this;
        }

        public Builder touchedLevelWeight(double touchedLevelWeight) {
            this.touchedLevelWeight = touchedLevelWeight;
            return this;
        }

        public Builder touchedCountWeight(double touchedCountWeight) {
            this.touchedCountWeight = touchedCountWeight;
            return this;
        }

        public Builder touchedPurchasedWeight(double touchedPurchasedWeight) {
            this.touchedPurchasedWeight = touchedPurchasedWeight;
            return this;
        }

        public Builder touchedRecencyHalfLifeMillis(long touchedRecencyHalfLifeMillis) {
            this.touchedRecencyHalfLifeMillis = touchedRecencyHalfLifeMillis;
            return this;
        }

        public UserModelConfig build() {
            check(
                    levels >= TowerContract.MIN_LEVELS && levels <= TowerContract.MAX_LEVELS,
                    "levels must be in "
                            + TowerContract.MIN_LEVELS
                            + ".."
                            + TowerContract.MAX_LEVELS
                            + " (the event ladder), was "
                            + levels);
            check(
                    headDim >= 1 && headDim <= TowerContract.MAX_HEAD_DIM,
                    "headDim must be in 1.." + TowerContract.MAX_HEAD_DIM + ", was " + headDim);
            check(
                    maxInterests >= 1 && maxInterests <= 127,
                    "maxInterests must be in 1..127, was " + maxInterests);
            check(
                    joinThreshold >= -1 && joinThreshold <= 1,
                    "joinThreshold is a cosine: use a value in [-1, 1], was " + joinThreshold);
            check(
                    interestHalfLifeMillis > 0,
                    "interestHalfLifeMillis must be > 0, was " + interestHalfLifeMillis);
            check(
                    levelWeights.length == EVENT_LEVELS,
                    "levelWeights needs one weight per event level (click, cart, purchase), got "
                            + levelWeights.length);
            for (double w : levelWeights) {
                check(w >= 0 && Double.isFinite(w), "levelWeights must be finite and >= 0");
            }
            check(levelWeights[EVENT_LEVELS - 1] > 0, "the purchase level weight must be > 0");
            check(
                    learningRate > 0 && Double.isFinite(learningRate),
                    "learningRate must be finite and > 0, was " + learningRate);
            check(
                    movingAverageRate > 0 && movingAverageRate <= 1,
                    "movingAverageRate must be in (0, 1], was " + movingAverageRate);
            check(
                    recentItems >= 1 && recentItems <= 10_000,
                    "recentItems must be in 1..10000, was " + recentItems);
            check(
                    purchasedItems >= 0 && purchasedItems <= 10_000,
                    "purchasedItems must be in 0..10000, was " + purchasedItems);
            check(updateRule != null, "updateRule must be set");
            check(interestSimilarity != null, "interestSimilarity must be set");
            check(negativesPerEvent >= 0, "negativesPerEvent must be >= 0");
            check(
                    touchedRecencyHalfLifeMillis > 0,
                    "touchedRecencyHalfLifeMillis must be > 0, was "
                            + touchedRecencyHalfLifeMillis);
            for (double w :
                    new double[] {
                        touchedBoost,
                        touchedModelWeight,
                        touchedRecencyWeight,
                        touchedLevelWeight,
                        touchedCountWeight,
                        touchedPurchasedWeight
                    }) {
                check(Double.isFinite(w), "touched-item blend weights must be finite");
            }
            return new UserModelConfig(this);
        }

        private static void check(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
