package io.ladder.train;

import io.ladder.model.OrdinalModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs epochs with early stopping: after each epoch the held-out per-level AUCs are computed; the
 * parameters of the epoch with the best mean AUC are kept (restored into the tower at the end), and
 * the loop stops after {@code patience} epochs without improvement. Without a held-out part every
 * epoch counts as an improvement (the last one is kept).
 */
final class EpochLoop {
    /**
     * @param history every epoch run
     * @param bestEpoch the epoch whose parameters the tower now holds
     * @param best its held-out AUCs
     */
    record Result(List<EpochStats> history, int bestEpoch, LevelAucs best) {}

    private EpochLoop() {}

    static Result run(
            TrainConfig config,
            OrdinalModel model,
            Tower tower,
            ExampleSampler examples,
            HeldOutSet heldOut,
            TrainListener listener) {
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
        return new Result(List.copyOf(history), bestEpoch, bestAucs);
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
