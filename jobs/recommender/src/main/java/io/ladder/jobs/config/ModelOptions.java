package io.ladder.jobs.config;

import io.ladder.model.UserModelConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The job's {@code model.*} options as a {@link UserModelConfig}. Levels and head dimension are not
 * options: they come from the item-tower version in use (ModelInfo).
 */
public final class ModelOptions {
    static final Set<String> KEYS =
            Set.of(
                    "max-interests",
                    "join-threshold",
                    "interest-half-life",
                    "learning-rate",
                    "moving-average-rate",
                    "recent-items",
                    "purchased-items",
                    "update-rule",
                    "negatives-per-event",
                    "seed",
                    "level-weights",
                    "touched.boost",
                    "touched.model-weight",
                    "touched.recency-weight",
                    "touched.level-weight",
                    "touched.count-weight",
                    "touched.purchased-weight",
                    "touched.recency-half-life");

    public static final double TUNED_TOUCHED_RECENCY_WEIGHT = 2.0;
    public static final double TUNED_TOUCHED_LEVEL_WEIGHT = 0.25;
    public static final double TUNED_TOUCHED_COUNT_WEIGHT = 0.1;

    /**
     * Chosen from {0, -0.25, -0.5, -1.5, -3} on the validation day with bought items kept as
     * candidates: a bought item ranks just below the not-yet-bought items of similar recency.
     */
    public static final double TUNED_TOUCHED_PURCHASED_WEIGHT = -0.25;

    private ModelOptions() {}

    /**
     * @param options the {@code model.*} options without the prefix
     * @throws IllegalArgumentException naming the option that is wrong or unknown
     */
    public static UserModelConfig toConfig(Map<String, String> options) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown model option(s) "
                            + unknown.stream().map(k -> "model." + k).toList()
                            + "; known: model."
                            + String.join(", model.", new TreeSet<>(KEYS)));
        }
        var b = UserModelConfig.builder();
        // The touched-item blend the evaluation's --tune chose on the warm-up window's validation
        // day of dev.csv (never the test days); the model's own defaults stay neutral (recency).
        b.touchedRecencyWeight(TUNED_TOUCHED_RECENCY_WEIGHT)
                .touchedLevelWeight(TUNED_TOUCHED_LEVEL_WEIGHT)
                .touchedCountWeight(TUNED_TOUCHED_COUNT_WEIGHT)
                .touchedPurchasedWeight(TUNED_TOUCHED_PURCHASED_WEIGHT);
        options.forEach(
                (key, value) -> {
                    String v = value.trim();
                    try {
                        switch (key) {
                            case "max-interests" -> b.maxInterests(Integer.parseInt(v));
                            case "join-threshold" -> b.joinThreshold(Double.parseDouble(v));
                            case "interest-half-life" ->
                                    b.interestHalfLifeMillis(duration(v).toMillis());
                            case "learning-rate" -> b.learningRate(Double.parseDouble(v));
                            case "moving-average-rate" ->
                                    b.movingAverageRate(Double.parseDouble(v));
                            case "recent-items" -> b.recentItems(Integer.parseInt(v));
                            case "purchased-items" -> b.purchasedItems(Integer.parseInt(v));
                            case "update-rule" ->
                                    b.updateRule(
                                            UserModelConfig.UpdateRule.valueOf(
                                                    v.toUpperCase(Locale.ROOT).replace('-', '_')));
                            case "negatives-per-event" -> b.negativesPerEvent(Integer.parseInt(v));
                            case "seed" -> b.seed(Long.parseLong(v));
                            case "level-weights" ->
                                    b.levelWeights(
                                            Arrays.stream(v.split(","))
                                                    .mapToDouble(x -> Double.parseDouble(x.trim()))
                                                    .toArray());
                            case "touched.boost" -> b.touchedBoost(Double.parseDouble(v));
                            case "touched.model-weight" ->
                                    b.touchedModelWeight(Double.parseDouble(v));
                            case "touched.recency-weight" ->
                                    b.touchedRecencyWeight(Double.parseDouble(v));
                            case "touched.level-weight" ->
                                    b.touchedLevelWeight(Double.parseDouble(v));
                            case "touched.count-weight" ->
                                    b.touchedCountWeight(Double.parseDouble(v));
                            case "touched.purchased-weight" ->
                                    b.touchedPurchasedWeight(Double.parseDouble(v));
                            case "touched.recency-half-life" ->
                                    b.touchedRecencyHalfLifeMillis(duration(v).toMillis());
                            default -> throw new IllegalStateException(key);
                        }
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "--model."
                                        + key
                                        + ": cannot use '"
                                        + value
                                        + "' ("
                                        + e.getMessage()
                                        + ")",
                                e);
                    }
                });
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model options: " + e.getMessage(), e);
        }
    }

    private static Duration duration(String value) {
        return Durations.parse(value);
    }
}
