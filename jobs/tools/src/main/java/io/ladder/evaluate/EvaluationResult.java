package io.ladder.evaluate;

import io.ladder.train.TrainedTower;
import java.util.Map;

/**
 * Everything one evaluation measured.
 *
 * @param annRecall HNSW recall per K (order of the options' ks), null when not measured
 * @param catalogueSize distinct items in the events file (the coverage denominator)
 * @param publishedItems items published before the replay (all, or those seen in the warm-up)
 * @param tuning the touched-weight search on the validation part, null without --tune
 * @param retrains the replay's retrains ({@code --retrain-every}), empty when trained once
 */
public record EvaluationResult(
        EvaluateOptions options,
        EventStream stream,
        TestTargets targets,
        Map<String, SystemScores> scores,
        Map<String, TrainedTower> towers,
        double[] annRecall,
        long catalogueSize,
        long publishedItems,
        Tuner.Outcome tuning,
        java.util.List<Retrain> retrains,
        double seconds) {}
