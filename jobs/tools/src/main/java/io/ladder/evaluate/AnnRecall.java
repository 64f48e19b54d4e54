package io.ladder.evaluate;

import io.ladder.index.ExactItemIndex;
import io.ladder.index.HnswItemIndex;
import io.ladder.index.ItemVector;
import io.ladder.index.QuerySet;
import io.ladder.index.ScoredItem;
import io.ladder.jobs.catalog.ModelContext;
import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.ingest.Levels;
import io.ladder.model.UserModel;
import io.ladder.model.UserModelConfig;
import io.ladder.model.UserState;
import io.ladder.schemas.UserEvent;
import io.ladder.train.TrainedTower;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HNSW recall against exact search for the pipeline's real retrieval queries. The users' interest
 * vectors ({@link UserModel#queries}) are folded from the same events with the same model options
 * and item vectors as the job; at every {@code stride}-th scored test event the user's queries are
 * searched in both an {@link HnswItemIndex} (the job's {@code index.*} parameters) and an {@link
 * ExactItemIndex} over every catalogue item's vector. Recall@K counts an HNSW hit as correct when
 * its inner product is at least the exact K-th best (ties between items sharing a category vector
 * are not misses). With a dump file, the catalogue's vectors and the sampled queries are also
 * written as a {@link QuerySet}, for {@code scripts/bench-index --queries FILE}: the index
 * benchmark on the job's real query distribution.
 */
public final class AnnRecall {
    private static final float TIE_TOLERANCE = 1e-5f;

    private AnnRecall() {}

    /**
     * Mean recall per K (same order as {@code ks}); NaN when no query was sampled.
     *
     * @param dump where to write the catalogue's vectors and the sampled queries, or null
     */
    public static double[] measure(
            JobConfig config,
            TrainedTower tower,
            Map<String, String> catalogue,
            List<UserEvent> warmup,
            List<UserEvent> test,
            TestTargets targets,
            int[] ks,
            int maxQueries,
            Path dump,
            Progress progress)
            throws IOException {
        ModelContext context = ModelContext.of(tower.modelInfo());
        UserModelConfig modelConfig =
                config.model().toBuilder()
                        .levels(context.levels())
                        .headDim(context.headDim())
                        .build();
        UserModel model = new UserModel(modelConfig, context.ordinal());
        int dim = context.dimension();
        List<ItemVector> items = new ArrayList<>(catalogue.size());
        for (Map.Entry<String, String> e : catalogue.entrySet()) {
            items.add(new ItemVector(e.getKey(), tower.embed(e.getKey(), e.getValue()), 0f));
        }
        ExactItemIndex exact = new ExactItemIndex(dim);
        exact.upsertAll(items);
        double[] sums = new double[ks.length];
        long queries = 0;
        List<float[]> sampled = new ArrayList<>();
        try (HnswItemIndex hnsw =
                HnswItemIndex.builder(dim)
                        .m(config.retrieval().m())
                        .efConstruction(config.retrieval().efConstruction())
                        .ef(config.retrieval().ef())
                        .build()) {
            progress.phase("ann: building HNSW over " + items.size() + " items", 1);
            hnsw.upsertAll(items);
            Map<String, UserState> states = new HashMap<>();
            for (UserEvent e : warmup) {
                fold(model, states, tower, e);
            }
            long stride = Math.max(1, (targets.scored().size() + maxQueries - 1) / maxQueries);
            int next = 0;
            progress.phase("ann: searching", test.size());
            for (int i = 0; i < test.size(); i++) {
                UserEvent e = test.get(i);
                if (targets.isTarget(i) && next++ % stride == 0) {
                    UserState s = states.get(e.getUserId());
                    if (s != null) {
                        long now = e.getEventTime().toEpochMilli();
                        for (UserModel.InterestQuery q : model.queries(s, now)) {
                            for (int k = 0; k < ks.length; k++) {
                                sums[k] += recall(hnsw, exact, q.vector(), ks[k]);
                            }
                            queries++;
                            if (dump != null) {
                                sampled.add(q.vector().clone());
                            }
                        }
                    }
                }
                fold(model, states, tower, e);
                progress.advance(1);
            }
        }
        if (dump != null) {
            float[][] vectors = new float[items.size()][];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = items.get(i).vector();
            }
            progress.phase("ann: writing " + sampled.size() + " queries to " + dump, 1);
            new QuerySet(dim, vectors, sampled.toArray(new float[0][])).write(dump);
            progress.finish();
        }
        double[] out = new double[ks.length];
        for (int k = 0; k < ks.length; k++) {
            out[k] = queries == 0 ? Double.NaN : sums[k] / queries;
        }
        return out;
    }

    static double recall(HnswItemIndex hnsw, ExactItemIndex exact, float[] query, int k) {
        List<ScoredItem> truth = exact.search(query, k, null);
        if (truth.isEmpty()) {
            return 1.0;
        }
        float threshold = truth.get(truth.size() - 1).score() - TIE_TOLERANCE;
        int hits = 0;
        for (ScoredItem s : hnsw.search(query, k, null)) {
            if (s.score() >= threshold) {
                hits++;
            }
        }
        return Math.min(1.0, (double) hits / truth.size());
    }

    private static void fold(
            UserModel model, Map<String, UserState> states, TrainedTower tower, UserEvent e) {
        UserState s = states.computeIfAbsent(e.getUserId(), u -> model.newState());
        model.update(
                s,
                Levels.of(e.getType()),
                e.getItemId(),
                tower.embed(e.getItemId(), e.getCategoryId()),
                e.getEventTime().toEpochMilli());
    }
}
