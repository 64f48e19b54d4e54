package io.ladder.model;

import io.ladder.model.UserModelConfig.InterestSimilarity;
import io.ladder.model.UserModelConfig.UpdateRule;

/**
 * Collects the settings of a {@link UserModelConfig}, starting from its defaults; {@link #build()}
 * validates them (the config's constructor does, with a message that says what to change).
 */
public final class UserModelConfigBuilder {
    private int levels = UserModelConfig.DEFAULT_LEVELS;
    private int headDim = UserModelConfig.DEFAULT_HEAD_DIM;
    private int maxInterests = UserModelConfig.DEFAULT_MAX_INTERESTS;
    private double joinThreshold = UserModelConfig.DEFAULT_JOIN_THRESHOLD;
    private InterestSimilarity interestSimilarity = UserModelConfig.DEFAULT_INTEREST_SIMILARITY;
    private long interestHalfLifeMillis = UserModelConfig.DEFAULT_INTEREST_HALF_LIFE_MILLIS;
    private double[] levelWeights = UserModelConfig.DEFAULT_LEVEL_WEIGHTS.clone();
    private double learningRate = UserModelConfig.DEFAULT_LEARNING_RATE;
    private double movingAverageRate = UserModelConfig.DEFAULT_MOVING_AVERAGE_RATE;
    private int recentItems = UserModelConfig.DEFAULT_RECENT_ITEMS;
    private int purchasedItems = UserModelConfig.DEFAULT_PURCHASED_ITEMS;
    private UpdateRule updateRule = UserModelConfig.DEFAULT_UPDATE_RULE;
    private int negativesPerEvent = UserModelConfig.DEFAULT_NEGATIVES_PER_EVENT;
    private long seed = UserModelConfig.DEFAULT_SEED;
    private double touchedBoost = UserModelConfig.DEFAULT_TOUCHED_BOOST;
    private double touchedModelWeight = UserModelConfig.DEFAULT_TOUCHED_MODEL_WEIGHT;
    private double touchedRecencyWeight = UserModelConfig.DEFAULT_TOUCHED_RECENCY_WEIGHT;
    private double touchedLevelWeight = UserModelConfig.DEFAULT_TOUCHED_LEVEL_WEIGHT;
    private double touchedCountWeight = UserModelConfig.DEFAULT_TOUCHED_COUNT_WEIGHT;
    private double touchedPurchasedWeight = UserModelConfig.DEFAULT_TOUCHED_PURCHASED_WEIGHT;
    private long touchedRecencyHalfLifeMillis =
            UserModelConfig.DEFAULT_TOUCHED_RECENCY_HALF_LIFE_MILLIS;

    UserModelConfigBuilder() {}

    /** Starts from every setting of {@code config}. */
    UserModelConfigBuilder(UserModelConfig config) {
        levels = config.levels();
        headDim = config.headDim();
        maxInterests = config.maxInterests();
        joinThreshold = config.joinThreshold();
        interestSimilarity = config.interestSimilarity();
        interestHalfLifeMillis = config.interestHalfLifeMillis();
        levelWeights = config.levelWeights();
        learningRate = config.learningRate();
        movingAverageRate = config.movingAverageRate();
        recentItems = config.recentItems();
        purchasedItems = config.purchasedItems();
        updateRule = config.updateRule();
        negativesPerEvent = config.negativesPerEvent();
        seed = config.seed();
        touchedBoost = config.touchedBoost();
        touchedModelWeight = config.touchedModelWeight();
        touchedRecencyWeight = config.touchedRecencyWeight();
        touchedLevelWeight = config.touchedLevelWeight();
        touchedCountWeight = config.touchedCountWeight();
        touchedPurchasedWeight = config.touchedPurchasedWeight();
        touchedRecencyHalfLifeMillis = config.touchedRecencyHalfLifeMillis();
    }

    public UserModelConfigBuilder levels(int levels) {
        this.levels = levels;
        return this;
    }

    public UserModelConfigBuilder headDim(int headDim) {
        this.headDim = headDim;
        return this;
    }

    public UserModelConfigBuilder maxInterests(int maxInterests) {
        this.maxInterests = maxInterests;
        return this;
    }

    public UserModelConfigBuilder joinThreshold(double joinThreshold) {
        this.joinThreshold = joinThreshold;
        return this;
    }

    public UserModelConfigBuilder interestSimilarity(InterestSimilarity interestSimilarity) {
        this.interestSimilarity = interestSimilarity;
        return this;
    }

    public UserModelConfigBuilder interestHalfLifeMillis(long interestHalfLifeMillis) {
        this.interestHalfLifeMillis = interestHalfLifeMillis;
        return this;
    }

    /** Importance of ladder levels 1..3 (click, cart, purchase); three non-negative values. */
    public UserModelConfigBuilder levelWeights(double... levelWeights) {
        this.levelWeights = levelWeights.clone();
        return this;
    }

    public UserModelConfigBuilder learningRate(double learningRate) {
        this.learningRate = learningRate;
        return this;
    }

    public UserModelConfigBuilder movingAverageRate(double movingAverageRate) {
        this.movingAverageRate = movingAverageRate;
        return this;
    }

    public UserModelConfigBuilder recentItems(int recentItems) {
        this.recentItems = recentItems;
        return this;
    }

    public UserModelConfigBuilder purchasedItems(int purchasedItems) {
        this.purchasedItems = purchasedItems;
        return this;
    }

    public UserModelConfigBuilder updateRule(UpdateRule updateRule) {
        this.updateRule = updateRule;
        return this;
    }

    public UserModelConfigBuilder negativesPerEvent(int negativesPerEvent) {
        this.negativesPerEvent = negativesPerEvent;
        return this;
    }

    public UserModelConfigBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Added to every touched item's score; >= 1 keeps touched items above untouched ones. */
    public UserModelConfigBuilder touchedBoost(double touchedBoost) {
        this.touchedBoost = touchedBoost;
        return this;
    }

    public UserModelConfigBuilder touchedModelWeight(double touchedModelWeight) {
        this.touchedModelWeight = touchedModelWeight;
        return this;
    }

    public UserModelConfigBuilder touchedRecencyWeight(double touchedRecencyWeight) {
        this.touchedRecencyWeight = touchedRecencyWeight;
        return this;
    }

    public UserModelConfigBuilder touchedLevelWeight(double touchedLevelWeight) {
        this.touchedLevelWeight = touchedLevelWeight;
        return this;
    }

    public UserModelConfigBuilder touchedCountWeight(double touchedCountWeight) {
        this.touchedCountWeight = touchedCountWeight;
        return this;
    }

    public UserModelConfigBuilder touchedPurchasedWeight(double touchedPurchasedWeight) {
        this.touchedPurchasedWeight = touchedPurchasedWeight;
        return this;
    }

    public UserModelConfigBuilder touchedRecencyHalfLifeMillis(long touchedRecencyHalfLifeMillis) {
        this.touchedRecencyHalfLifeMillis = touchedRecencyHalfLifeMillis;
        return this;
    }

    public UserModelConfig build() {
        return new UserModelConfig(
                levels,
                headDim,
                maxInterests,
                joinThreshold,
                interestSimilarity,
                interestHalfLifeMillis,
                levelWeights,
                learningRate,
                movingAverageRate,
                recentItems,
                purchasedItems,
                updateRule,
                negativesPerEvent,
                seed,
                touchedBoost,
                touchedModelWeight,
                touchedRecencyWeight,
                touchedLevelWeight,
                touchedCountWeight,
                touchedPurchasedWeight,
                touchedRecencyHalfLifeMillis);
    }
}
