package io.ladder.train;

import io.ladder.model.OrdinalModel;
import io.ladder.schemas.UserEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains GNOLR item heads (and the ablations) from an events window. The in-process API used by the
 * train command and the evaluation: {@code ItemTowerTrainer.train(config, events)}.
 *
 * <p>Steps: split the window ({@link TrainingWindow}); cutpoints from the sampling-corrected base
 * rates ({@link BaseRates}); seeded initialisation; per epoch, fresh negatives and a shuffle
 * ({@link ExampleSampler}), one pass of synchronous mini-batch Adam ({@link BatchTrainer}), then
 * the per-level AUCs on the held-out part ({@link HeldOutSet}); the epoch with the best mean AUC is
 * kept, and training stops after {@code patience} epochs without improvement.
 */
public final class ItemTowerTrainer {
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ItemTowerTrainer() {}

    public static TrainedTower train(TrainConfig config, List<UserEvent> events) {
        return train(config, events, TrainListener.NONE);
    }

    /**
     * Trains on {@code events} (any order; events at or after {@code config.until()} are ignored).
     *
     * @throws IllegalArgumentException when the training part has no engagement events
     */
    public static TrainedTower train(
            TrainConfig config, List<UserEvent> events, TrainListener listener) {
        long start = System.nanoTime();
        Objective objective = config.objective();
        TrainingWindow window =
                TrainingWindow.of(events, config.until(), config.validationWindow());
        if (window.trainPairs() == 0) {
            throw new IllegalArgumentException(
                    "no engagement events before the held-out part (window ends "
                            + Instant.ofEpochMilli(window.endMillis)
                            + ", held-out part starts "
                            + Instant.ofEpochMilli(window.cutMillis)
                            + "): pass a longer window or a later --until");
        }
        PopularitySampler sampler =
                new PopularitySampler(window.itemTrainCount, config.popularityExponent());
        ExampleSampler examples =
                new ExampleSampler(
                        window,
                        objective,
                        config.negatives(),
                        config.idDropout(),
                        sampler,
                        config.seed());
        double[] baseRates = examples.baseRates();
        OrdinalModel model =
                OrdinalModel.fromBaseRates(config.gamma(), baseRates, objective.loss());
        Tower tower =
                new Tower(
                        objective.levels(),
                        config.headDim(),
                        window.users.size(),
                        window.itemCategory,
                        window.categories.size());
        tower.init(new SplittableRandom(config.seed()));
        HeldOutSet heldOut =
                HeldOutSet.build(
                        window, config.negatives(), config.popularityExponent(), config.seed());

        List<EpochStats> history = new ArrayList<>();
        int bestEpoch = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        LevelAucs bestAucs = null;
        float[][] best = null;
        ExecutorService pool = config.threads() > 1 ? newPool(config.threads()) : null;
        try {
            BatchTrainer trainer =
                    new BatchTrainer(
                            model,
                            config.headDim(),
                            config.learningRate(),
                            config.batchSize(),
                            tower,
                            pool,
                            config.threads());
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                Examples ex = examples.epoch(epoch);
                int e = epoch;
                double loss =
                        trainer.epoch(
                                ex,
                                (done, mean) ->
                                        listener.progress(
                                                e, config.epochs(), done, ex.size(), mean));
                LevelAucs aucs = heldOut.evaluate(tower, model);
                EpochStats stats =
                        new EpochStats(epoch, loss, aucs, (System.nanoTime() - epochStart) / 1e9);
                history.add(stats);
                double score = Double.isNaN(aucs.mean()) ? epoch : aucs.mean();
                boolean improved = score > bestScore;
                listener.epochEnd(stats, config.epochs(), improved);
                if (improved) {
                    bestScore = score;
                    bestEpoch = epoch;
                    bestAucs = aucs;
                    best = tower.snapshot();
                } else if (epoch - bestEpoch >= config.patience()) {
                    break;
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        tower.restore(best);
        double seconds = (System.nanoTime() - start) / 1e9;
        String version =
                config.modelVersion() != null
                        ? config.modelVersion()
                        : objective.cliName() + "-" + VERSION_TIME.format(Instant.now());
        TrainReport report =
                new TrainReport(
                        objective.cliName(),
                        version,
                        Instant.ofEpochMilli(window.endMillis),
                        Instant.ofEpochMilli(window.cutMillis),
                        window.eventsInWindow,
                        window.trainEvents,
                        window.heldOutEvents,
                        window.trainPairs(),
                        heldOut.size(),
                        heldOut.pairsSkipped,
                        window.users.size(),
                        window.items.size(),
                        window.categories.size(),
                        baseRates,
                        model.cutpoints(),
                        List.copyOf(history),
                        bestEpoch,
                        bestAucs,
                        seconds,
                        config.threads());
        return new TrainedTower(config, version, model, tower, window, report, Instant.now());
    }

    private static ExecutorService newPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(
                threads,
                r -> {
                    Thread t = new Thread(r, "tower-trainer-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }
}
