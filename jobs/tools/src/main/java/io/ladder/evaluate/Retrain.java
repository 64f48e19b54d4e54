package io.ladder.evaluate;

import io.ladder.train.TrainedTower;
import java.time.Instant;
import java.util.Map;

/**
 * One retrain of the replay ({@code --retrain-every}): towers trained on every event before {@code
 * at} and nothing after, published into each replayed job just before its first event at or after
 * {@code at}, over the catalogue known then.
 *
 * @param round 1 for the first retrain (the warm-up's towers are round 0)
 * @param trainEvents events the towers were trained on (all before {@code at})
 * @param latestTrainEvent the newest of them: before {@code at}, checked by the tests
 * @param towers by tower key ({@code gnolr}, {@code binary})
 * @param catalogue the items published with them (id -> category)
 * @param seconds training time of all towers of the round
 */
public record Retrain(
        Instant at,
        int round,
        long trainEvents,
        Instant latestTrainEvent,
        Map<String, TrainedTower> towers,
        Map<String, String> catalogue,
        double seconds) {}
