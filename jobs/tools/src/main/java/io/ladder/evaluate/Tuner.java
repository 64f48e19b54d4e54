package io.ladder.evaluate;

import io.ladder.jobs.config.JobConfig;
import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import io.ladder.train.TrainedTower;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Picks the touched-item blend weights ({@code --model.touched.*}) on the warm-up window's
 * validation part only (its last 10% of events, {@link io.ladder.train.ValidationCut}, the
 * trainer's held-out part), never on the test days: the events before it warm the job's
 * Recommender, its purchases are scored, and coordinate ascent over a small grid keeps the weights
 * with the best mean of purchase Recall@K and NDCG@K over the evaluation's ks.
 *
 * <p>The item tower used is the evaluation's own: without refit its vectors come from the events
 * before the validation part (which only chose the epoch count). To keep each trial cheap, only
 * users with a purchase in the validation part are replayed (users are independent in the job
 * except for the trending tail, which this thins).
 */
final class Tuner {
    /** The weights searched, in coordinate-ascent order, with their candidate values. */
    static final Map<String, double[]> GRID = new LinkedHashMap<>();

    static {
        GRID.put("touched.level-weight", new double[] {0, 0.25, 0.5, 1, 2});
        GRID.put("touched.model-weight", new double[] {0, 0.25, 0.5, 1, 2});
        GRID.put("touched.count-weight", new double[] {0, 0.1, 0.25, 0.5});
        GRID.put("touched.recency-weight", new double[] {0.5, 1, 2});
    }

    /** Coordinate-ascent passes at most (a pass that improves nothing ends the search). */
    static final int PASSES = 2;

    /** One trial: the weights and the objective on the validation part. */
    record Trial(Map<String, Double> weights, double objective) {}

    /** The chosen weights as job options, and every trial in order. */
    record Outcome(
            List<String> jobArgs, List<Trial> trials, Instant validationStart, long purchases) {}

    private Tuner() {}

    /**
     * @param validationStart the validation window starts here ({@link
     *     io.ladder.train.ValidationCut}) and runs to the end of {@code warmup}
     */
    static Outcome tune(
            Instant validationStart,
            List<UserEvent> warmup,
            Map<String, String> catalogue,
            TrainedTower tower,
            Function<List<String>, JobConfig> jobConfig,
            int[] ks,
            Progress progress)
            throws Exception {
        Set<String> buyers = new HashSet<>();
        for (UserEvent e : warmup) {
            if (!e.getEventTime().isBefore(validationStart) && e.getType() == EventType.PURCHASE) {
                buyers.add(e.getUserId());
            }
        }
        List<UserEvent> warm = new ArrayList<>();
        List<UserEvent> validation = new ArrayList<>();
        for (UserEvent e : warmup) {
            if (buyers.contains(e.getUserId())) {
                (e.getEventTime().isBefore(validationStart) ? warm : validation).add(e);
            }
        }
        TestTargets targets = TestTargets.of(warm, validation);
        long purchases = targets.count(Target.PURCHASE);
        Map<String, Double> best = new LinkedHashMap<>();
        GRID.keySet().forEach(k -> best.put(k, defaultOf(k)));
        List<Trial> trials = new ArrayList<>();
        if (purchases == 0) {
            return new Outcome(List.of(), trials, validationStart, 0);
        }
        // every trial replays the same validation window; only the weights differ
        TrialRun trial =
                weights ->
                        trial(
                                weights,
                                warm,
                                validation,
                                targets,
                                catalogue,
                                tower,
                                jobConfig,
                                ks,
                                validationStart,
                                progress,
                                trials);
        double bestObjective = trial.run(best);
        Set<Map<String, Double>> tried = new HashSet<>();
        tried.add(Map.copyOf(best));
        for (int pass = 0; pass < PASSES; pass++) {
            boolean improved = false;
            for (Map.Entry<String, double[]> axis : GRID.entrySet()) {
                for (double value : axis.getValue()) {
                    Map<String, Double> candidate = new LinkedHashMap<>(best);
                    candidate.put(axis.getKey(), value);
                    if (!tried.add(Map.copyOf(candidate))) {
                        continue;
                    }
                    double objective = trial.run(candidate);
                    if (objective > bestObjective + 1e-12) {
                        bestObjective = objective;
                        best.putAll(candidate);
                        improved = true;
                    }
                }
            }
            if (!improved) {
                break;
            }
        }
        return new Outcome(args(best), trials, validationStart, purchases);
    }

    /** One replay of the validation window under a set of weights: its objective. */
    @FunctionalInterface
    private interface TrialRun {
        double run(Map<String, Double> weights) throws Exception;
    }

    private static double trial(
            Map<String, Double> weights,
            List<UserEvent> warm,
            List<UserEvent> validation,
            TestTargets targets,
            Map<String, String> catalogue,
            TrainedTower tower,
            Function<List<String>, JobConfig> jobConfig,
            int[] ks,
            Instant validationStart,
            Progress progress,
            List<Trial> trials)
            throws Exception {
        RecommenderSystem system =
                new RecommenderSystem(
                        "tune " + (trials.size() + 1),
                        jobConfig.apply(args(weights)),
                        tower,
                        catalogue,
                        ks[ks.length - 1],
                        validationStart.toEpochMilli());
        SystemScores scores =
                Evaluation.replay(
                        system,
                        warm,
                        validation,
                        targets,
                        catalogue,
                        ks,
                        List.of(),
                        null,
                        progress);
        double sum = 0;
        long n = 0;
        List<TestTargets.Scored> scored = targets.scored();
        for (int e = 0; e < scored.size(); e++) {
            if (scored.get(e).target() != Target.PURCHASE) {
                continue;
            }
            n++;
            for (int k : ks) {
                sum +=
                        (RankMetrics.recall(scores.rank(e), k)
                                        + RankMetrics.ndcg(scores.rank(e), k))
                                / 2;
            }
        }
        double objective = sum / (n * ks.length);
        trials.add(new Trial(Map.copyOf(weights), objective));
        return objective;
    }

    static List<String> args(Map<String, Double> weights) {
        List<String> out = new ArrayList<>();
        weights.forEach(
                (k, v) -> {
                    out.add("--model." + k);
                    out.add(Double.toString(v));
                });
        return out;
    }

    private static double defaultOf(String key) {
        return switch (key) {
            case "touched.recency-weight" ->
                    io.ladder.model.UserModelConfig.DEFAULT_TOUCHED_RECENCY_WEIGHT;
            case "touched.model-weight" ->
                    io.ladder.model.UserModelConfig.DEFAULT_TOUCHED_MODEL_WEIGHT;
            case "touched.level-weight" ->
                    io.ladder.model.UserModelConfig.DEFAULT_TOUCHED_LEVEL_WEIGHT;
            case "touched.count-weight" ->
                    io.ladder.model.UserModelConfig.DEFAULT_TOUCHED_COUNT_WEIGHT;
            default -> throw new IllegalArgumentException(key);
        };
    }
}
