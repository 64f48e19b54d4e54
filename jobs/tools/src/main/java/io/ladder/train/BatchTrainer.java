package io.ladder.train;

import io.ladder.model.OrdinalModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Synchronous mini-batch Adam on the nested ordinal loss, parallel and deterministic for any number
 * of threads.
 *
 * <p>Each batch runs in two phases. <b>Compute</b>: threads take contiguous slices of the batch and
 * write each example's loss and gradients into its own slot, reading parameters that nobody writes
 * during the phase. <b>Apply</b>: for each table, the batch's examples are sorted by (row,
 * position) and each row's gradients are summed in example order and applied with one Adam step;
 * threads take disjoint sets of rows. Every float operation therefore happens in the same order
 * whatever the thread count, so the output is bitwise identical for any {@code threads} given the
 * same seed (it is not Hogwild: no update is lost or raced).
 *
 * <p>Item input {@code x_t = e_item,t + e_category,t} (category part only under id dropout), item
 * head {@code v_t = x_t / |x_t|}, user head {@code u_t = r_t / |r_t|}, {@code c_t = u_t . v_t}.
 * With {@code w_t = dL/dc_t} from {@link OrdinalModel#headWeights}: {@code dL/dr_t = w_t (v_t - c_t
 * u_t) / |r_t|} and {@code dL/dx_t = w_t (u_t - c_t v_t) / |x_t|}, the latter shared by the item-id
 * and the category rows.
 */
final class BatchTrainer {
    private static final int POSITION_BITS = 24;

    private final OrdinalModel model;
    private final int levels;
    private final int dim;
    private final int width;
    private final double learningRate;
    private final EmbeddingTable users;
    private final EmbeddingTable items;
    private final EmbeddingTable categories;
    private final int[] itemCategory;
    private final ExecutorService pool;
    private final int threads;
    private final int batchSize;
    private final double[] gradUser;
    private final double[] gradItem;
    private final double[] losses;
    private long step;
    private boolean itemsFrozen;

    BatchTrainer(
            OrdinalModel model,
            int dim,
            double learningRate,
            int batchSize,
            Tower tower,
            ExecutorService pool,
            int threads) {
        if (batchSize >= (1 << POSITION_BITS)) {
            throw new IllegalArgumentException("batch size must be < " + (1 << POSITION_BITS));
        }
        this.model = model;
        this.levels = model.levels();
        this.dim = dim;
        this.width = levels * dim;
        this.learningRate = learningRate;
        this.users = tower.users;
        this.items = tower.items;
        this.categories = tower.categories;
        this.itemCategory = tower.itemCategory;
        this.pool = pool;
        this.threads = pool == null ? 1 : threads;
        this.batchSize = batchSize;
        this.gradUser = new double[batchSize * width];
        this.gradItem = new double[batchSize * width];
        this.losses = new double[batchSize];
    }

    /**
     * Only user rows learn from now on (the quality gate fits users to a fixed set of item
     * vectors).
     */
    BatchTrainer freezeItems() {
        itemsFrozen = true;
        return this;
    }

    /** Progress callback: examples done so far in the epoch, and the running mean loss. */
    interface Progress {
        void update(int done, double meanLoss);
    }

    /**
     * Trains one pass over {@code ex}; returns the mean loss (computed before each batch's step).
     */
    double epoch(Examples ex, Progress progress) {
        double total = 0;
        int n = ex.size();
        for (int b0 = 0; b0 < n; b0 += batchSize) {
            int b1 = Math.min(n, b0 + batchSize);
            runBatch(ex, b0, b1);
            for (int i = 0; i < b1 - b0; i++) {
                total += losses[i];
            }
            if (progress != null) {
                progress.update(b1, total / b1);
            }
        }
        return n == 0 ? Double.NaN : total / n;
    }

    private void runBatch(Examples ex, int b0, int b1) {
        int n = b1 - b0;
        List<Callable<Void>> compute = new ArrayList<>();
        for (int part = 0; part < threads; part++) {
            int from = b0 + (int) ((long) n * part / threads);
            int to = b0 + (int) ((long) n * (part + 1) / threads);
            if (from < to) {
                compute.add(
                        () -> {
                            computeRange(ex, b0, from, to);
                            return null;
                        });
            }
        }
        run(compute);
        step++;
        List<Callable<Void>> apply = new ArrayList<>();
        addApplyTasks(apply, users, rowKeys(ex, b0, b1, Target.USER), gradUser);
        if (!itemsFrozen) {
            addApplyTasks(apply, items, rowKeys(ex, b0, b1, Target.ITEM), gradItem);
            addApplyTasks(apply, categories, rowKeys(ex, b0, b1, Target.CATEGORY), gradItem);
        }
        run(apply);
    }

    private enum Target {
        USER,
        ITEM,
        CATEGORY
    }

    /** Sorted (row << 24 | position) keys of the batch's examples that update {@code target}. */
    private long[] rowKeys(Examples ex, int b0, int b1, Target target) {
        long[] keys = new long[b1 - b0];
        int k = 0;
        for (int i = b0; i < b1; i++) {
            int row;
            int item = ex.item()[i];
            switch (target) {
                case USER -> row = ex.user()[i];
                case ITEM -> row = ex.dropId()[i] ? -1 : item;
                default -> row = itemCategory[item];
            }
            if (row >= 0) {
                keys[k++] = ((long) row << POSITION_BITS) | (i - b0);
            }
        }
        long[] used = Arrays.copyOf(keys, k);
        Arrays.sort(used);
        return used;
    }

    private void addApplyTasks(
            List<Callable<Void>> tasks, EmbeddingTable table, long[] keys, double[] grads) {
        if (keys.length == 0) {
            return;
        }
        // segment starts: one per distinct row
        int[] starts = new int[keys.length + 1];
        int segments = 0;
        for (int k = 0; k < keys.length; k++) {
            if (k == 0 || (keys[k] >>> POSITION_BITS) != (keys[k - 1] >>> POSITION_BITS)) {
                starts[segments++] = k;
            }
        }
        starts[segments] = keys.length;
        int parts = Math.min(threads, segments);
        for (int part = 0; part < parts; part++) {
            int from = (int) ((long) segments * part / parts);
            int to = (int) ((long) segments * (part + 1) / parts);
            tasks.add(
                    () -> {
                        applySegments(table, keys, starts, from, to, grads);
                        return null;
                    });
        }
    }

    private void applySegments(
            EmbeddingTable table, long[] keys, int[] starts, int from, int to, double[] grads) {
        double[] sum = new double[width];
        for (int s = from; s < to; s++) {
            Arrays.fill(sum, 0.0);
            for (int k = starts[s]; k < starts[s + 1]; k++) {
                int base = (int) (keys[k] & ((1L << POSITION_BITS) - 1)) * width;
                for (int c = 0; c < width; c++) {
                    sum[c] += grads[base + c];
                }
            }
            table.adamStep((int) (keys[starts[s]] >>> POSITION_BITS), sum, learningRate, step);
        }
    }

    private void computeRange(Examples ex, int b0, int from, int to) {
        double[] userRaw = new double[width];
        double[] userUnit = new double[width];
        double[] itemRaw = new double[width];
        double[] itemUnit = new double[width];
        double[] userNorm = new double[levels];
        double[] itemNorm = new double[levels];
        double[] cos = new double[levels];
        double[] z = new double[levels];
        double[] dz = new double[levels];
        double[] w = new double[levels];
        for (int i = from; i < to; i++) {
            copyRow(users, ex.user()[i], userRaw, false);
            int item = ex.item()[i];
            int category = itemCategory[item];
            boolean drop = ex.dropId()[i] && category >= 0;
            if (drop) {
                Arrays.fill(itemRaw, 0.0);
            } else {
                copyRow(items, item, itemRaw, false);
            }
            if (category >= 0) {
                copyRow(categories, category, itemRaw, true);
            }
            Heads.normalize(userRaw, levels, dim, userUnit, userNorm);
            Heads.normalize(itemRaw, levels, dim, itemUnit, itemNorm);
            Heads.cosines(userUnit, itemUnit, levels, dim, cos);
            model.logits(cos, z);
            int slot = i - b0;
            losses[slot] = model.lossGradient(z, ex.label()[i], dz);
            model.headWeights(dz, w);
            int base = slot * width;
            for (int t = 0; t < levels; t++) {
                double gu = userNorm[t] > 0 ? w[t] / userNorm[t] : 0.0;
                double gi = itemNorm[t] > 0 ? w[t] / itemNorm[t] : 0.0;
                for (int k = t * dim; k < (t + 1) * dim; k++) {
                    gradUser[base + k] = gu * (itemUnit[k] - cos[t] * userUnit[k]);
                    gradItem[base + k] = gi * (userUnit[k] - cos[t] * itemUnit[k]);
                }
            }
        }
    }

    private void copyRow(EmbeddingTable table, int row, double[] out, boolean add) {
        int base = row * width;
        float[] v = table.values;
        if (add) {
            for (int k = 0; k < width; k++) {
                out[k] += v[base + k];
            }
        } else {
            for (int k = 0; k < width; k++) {
                out[k] = v[base + k];
            }
        }
    }

    private void run(List<Callable<Void>> tasks) {
        if (pool == null || tasks.size() <= 1) {
            for (Callable<Void> task : tasks) {
                try {
                    task.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return;
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("training task failed", e.getCause());
        }
    }
}
