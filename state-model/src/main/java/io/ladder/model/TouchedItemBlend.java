package io.ladder.model;

/**
 * Score of an item the user already touched: {@code boost + wModel * p + wRecency *
 * 2^(-age/halfLife) + wLevel * min(highestLevel, T)/T + wCount * ln(1 + count) + wPurchased *
 * [bought]}, T the model's levels: a one-level (binary) model sees every engagement as the same
 * level. Recency alone ranks well on real data (MODELS.md section 4), so the defaults reduce to it:
 * boost 1 lifts touched items above every untouched item (p is at most 1) and the recency term
 * orders them newest first. The evaluation tunes the weights on a validation replay; they are not
 * set by hand here.
 */
final class TouchedItemBlend {
    private final UserModelConfig config;
    private final double lambda;

    TouchedItemBlend(UserModelConfig config) {
        this.config = config;
        this.lambda = Math.log(2) / config.touchedRecencyHalfLifeMillis();
    }

    double score(double modelProbability, RecentItem item, boolean purchased, long nowMillis) {
        long age = Math.max(0, nowMillis - item.lastMillis());
        return config.touchedBoost()
                + config.touchedModelWeight() * modelProbability
                + config.touchedRecencyWeight() * Math.exp(-lambda * age)
                + config.touchedLevelWeight()
                        * Math.min(item.highestLevel(), config.levels())
                        / (double) config.levels()
                + config.touchedCountWeight() * Math.log1p(item.count())
                + (purchased ? config.touchedPurchasedWeight() : 0);
    }
}
