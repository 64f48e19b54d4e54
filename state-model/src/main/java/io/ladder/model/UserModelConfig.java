package io.ladder.model;

import java.util.Arrays;

/**
 * Settings of the online user model ({@link UserModel}), parsed once and immutable. Build with
 * {@link #builder()}; every default is a named constant, and the constructor rejects values that
 * would make the model misbehave with a message that says what to change.
 *
 * <p>Event levels are the data's feedback ladder ({@link #CLICK} &lt; {@link #CART} &lt; {@link
 * #PURCHASE}) whatever {@link #levels()} is: the model trains on label {@code min(level, T)}, so
 * the binary ablation (T = 1) takes the same event stream and counts any engagement as positive.
 *
 * @param levels T: feedback levels the model separates (3; 1 = binary ablation)
 * @param headDim h: dimension of one head
 * @param maxInterests K: interests per user (1 = single-interest ablation)
 * @param levelWeights importance of ladder levels 1..3 (click, cart, purchase) in the interest
 *     weights; the record keeps its own copy and hands out copies
 * @param negativesPerEvent sampled negatives the job should feed to {@link UserModel#negative} per
 *     engagement event
 * @param seed seed for anything random around the model (negative sampling in the job)
 * @param touchedBoost added to every touched item's score; >= 1 keeps touched items above untouched
 *     ones
 * @param touchedPurchasedWeight added to a touched item the user bought (among the last
 *     purchased-items-bound purchases). Matters only where bought items stay candidates ({@code
 *     retrieval.drop-purchased false}): a negative weight keeps repeat-purchase candidates in the
 *     list but below items the user has not bought yet, which most purchases are.
 */
public record UserModelConfig(
        int levels,
        int headDim,
        int maxInterests,
        double joinThreshold,
        InterestSimilarity interestSimilarity,
        long interestHalfLifeMillis,
        double[] levelWeights,
        double learningRate,
        double movingAverageRate,
        int recentItems,
        int purchasedItems,
        UpdateRule updateRule,
        int negativesPerEvent,
        long seed,
        double touchedBoost,
        double touchedModelWeight,
        double touchedRecencyWeight,
        double touchedLevelWeight,
        double touchedCountWeight,
        double touchedPurchasedWeight,
        long touchedRecencyHalfLifeMillis)
        implements java.io.Serializable {
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
    static final double[] DEFAULT_LEVEL_WEIGHTS = {1.0, 2.0, 4.0};

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

    /** Validates every setting, in a fixed order: the first one wrong is the one reported. */
    public UserModelConfig {
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
        levelWeights = levelWeights.clone();
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
                "touchedRecencyHalfLifeMillis must be > 0, was " + touchedRecencyHalfLifeMillis);
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
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static UserModelConfigBuilder builder() {
        return new UserModelConfigBuilder();
    }

    /** All defaults: T = 3, h = 32, K = 4, SGD. */
    public static UserModelConfig defaults() {
        return builder().build();
    }

    /** A builder starting from this config, for ablations of one setting. */
    public UserModelConfigBuilder toBuilder() {
        return new UserModelConfigBuilder(this);
    }

    /** T * h: length of a user or item retrieval vector. */
    public int vectorLength() {
        return levels * headDim;
    }

    /** Weight of an event at ladder level {@code level} (1..3) in the interest importance. */
    public double levelWeight(int level) {
        return levelWeights[level - 1];
    }

    /** A copy: the config stays immutable. */
    @Override
    public double[] levelWeights() {
        return levelWeights.clone();
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
}
