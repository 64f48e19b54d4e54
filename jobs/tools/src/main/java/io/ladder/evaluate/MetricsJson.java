package io.ladder.evaluate;

import io.ladder.schemas.UserEvent;
import io.ladder.train.LevelAucs;
import io.ladder.train.TrainedTower;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Builds the content of {@code metrics.json} from an {@link EvaluationResult}. */
public final class MetricsJson {
    /** The baseline every interval compares the pipeline with. */
    static final String PIPELINE = "pipeline";

    private MetricsJson() {}

    public static Map<String, Object> of(EvaluationResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> systems = new LinkedHashMap<>();
        int[] ks = r.options().ks();
        for (SystemScores s : r.scores().values()) {
            Map<String, Object> sys = new LinkedHashMap<>();
            for (Target t : Target.values()) {
                Map<String, Object> target = block(r, s, t, x -> true);
                target.put("discovery", block(r, s, t, x -> !x.reengagement()));
                target.put("reengagement", block(r, s, t, TestTargets.Scored::reengagement));
                sys.put(t.key(), target);
            }
            for (int i = 0; i < ks.length; i++) {
                sys.put("coverage@" + ks[i], s.coverage(i, r.catalogueSize()));
            }
            for (int i = 0; i < ks.length; i++) {
                sys.put("diversity@" + ks[i], s.diversity(i));
            }
            sys.put("lists_scored", s.listsScored());
            systems.put(s.name(), sys);
        }
        root.put("systems", systems);

        Map<String, Object> reference = new LinkedHashMap<>();
        for (Target t : Target.values()) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("anyone", r.targets().share(t, false));
            ref.put("same_user", r.targets().share(t, true));
            reference.put(t.key(), ref);
        }
        root.put("reference", reference);
        for (int i = 0; i < ks.length; i++) {
            root.put("ann_recall@" + ks[i], r.annRecall() == null ? null : r.annRecall()[i]);
        }
        root.put("intervals", intervals(r));
        root.put("dataset", dataset(r));
        root.put("training", training(r));
        if (!r.retrains().isEmpty()) {
            root.put("retrain", retrain(r));
        }
        root.put("config", config(r));
        if (r.tuning() != null) {
            root.put("tuning", tuning(r.tuning()));
        }
        return root;
    }

    /** Mean Recall@K and NDCG@K over the scored events of {@code target} that {@code keep}. */
    private static Map<String, Object> block(
            EvaluationResult r, SystemScores s, Target target, Predicate<TestTargets.Scored> keep) {
        int[] ks = r.options().ks();
        double[] recall = new double[ks.length];
        double[] ndcg = new double[ks.length];
        long n = 0;
        List<TestTargets.Scored> scored = r.targets().scored();
        for (int e = 0; e < scored.size(); e++) {
            TestTargets.Scored x = scored.get(e);
            if (x.target() != target || !keep.test(x)) {
                continue;
            }
            n++;
            int rank = s.rank(e);
            for (int i = 0; i < ks.length; i++) {
                recall[i] += RankMetrics.recall(rank, ks[i]);
                ndcg[i] += RankMetrics.ndcg(rank, ks[i]);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < ks.length; i++) {
            out.put("recall@" + ks[i], n == 0 ? Double.NaN : recall[i] / n);
        }
        for (int i = 0; i < ks.length; i++) {
            out.put("ndcg@" + ks[i], n == 0 ? Double.NaN : ndcg[i] / n);
        }
        out.put("events", n);
        return out;
    }

    /** Per-event values of one metric for one system and target, in scored order. */
    static double[] perEvent(
            EvaluationResult r, SystemScores s, Target target, boolean ndcg, int k) {
        List<TestTargets.Scored> scored = r.targets().scored();
        double[] out = new double[(int) r.targets().count(target)];
        int j = 0;
        for (int e = 0; e < scored.size(); e++) {
            if (scored.get(e).target() == target) {
                int rank = s.rank(e);
                out[j++] = ndcg ? RankMetrics.ndcg(rank, k) : RankMetrics.recall(rank, k);
            }
        }
        return out;
    }

    /** Pipeline minus each other system: paired-bootstrap 95% intervals. */
    static Map<String, Object> intervals(EvaluationResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        SystemScores pipeline = r.scores().get(PIPELINE);
        if (pipeline == null) {
            return out;
        }
        for (SystemScores other : r.scores().values()) {
            if (other == pipeline) {
                continue;
            }
            Map<String, Object> sys = new LinkedHashMap<>();
            for (Target t : Target.values()) {
                Map<String, Object> target = new LinkedHashMap<>();
                for (boolean ndcg : new boolean[] {false, true}) {
                    for (int k : r.options().ks()) {
                        Bootstrap.Interval iv =
                                Bootstrap.pairedDifference(
                                        perEvent(r, pipeline, t, ndcg, k),
                                        perEvent(r, other, t, ndcg, k),
                                        r.options().bootstrap(),
                                        r.options().seed());
                        Map<String, Object> v = new LinkedHashMap<>();
                        v.put("difference", iv.difference());
                        v.put("low", iv.low());
                        v.put("high", iv.high());
                        target.put((ndcg ? "ndcg@" : "recall@") + k, v);
                    }
                }
                sys.put(t.key(), target);
            }
            out.put("pipeline-" + other.name(), sys);
        }
        return out;
    }

    private static Map<String, Object> dataset(EvaluationResult r) {
        EventStream s = r.stream();
        Set<String> users = new HashSet<>();
        Set<String> categories = new HashSet<>();
        for (List<UserEvent> part : List.of(s.warmup(), s.test())) {
            for (UserEvent e : part) {
                users.add(e.getUserId());
                if (e.getCategoryId() != null) {
                    categories.add(e.getCategoryId());
                }
            }
        }
        Set<String> testUsers = new HashSet<>();
        for (UserEvent e : s.test()) {
            testUsers.add(e.getUserId());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("file", r.options().events().getFileName().toString());
        d.put("rows", s.rows());
        d.put("rejected_rows", s.rejected());
        d.put("events", (long) s.warmup().size() + s.test().size());
        d.put("warmup_events", (long) s.warmup().size());
        d.put("test_events", (long) s.test().size());
        d.put("users", (long) users.size());
        d.put("test_users", (long) testUsers.size());
        d.put("items", r.catalogueSize());
        d.put("categories", (long) categories.size());
        d.put("catalog", r.options().catalogueAll() ? "all" : "seen");
        d.put("published_items", r.publishedItems());
        d.put("test_purchases", r.targets().count(Target.PURCHASE));
        d.put("test_carts", r.targets().count(Target.CART));
        d.put("warmup_until", r.options().warmupUntil().getEpochSecond());
        d.put("warmup_until_iso", r.options().warmupUntil().toString());
        return d;
    }

    /** The replay's retrains (times are in report.md: metrics.json stays reproducible). */
    private static Map<String, Object> retrain(EvaluationResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("every", r.options().retrainEvery().toString());
        List<Object> rounds = new java.util.ArrayList<>();
        for (Retrain retrain : r.retrains()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("round", (long) retrain.round());
            x.put("at", retrain.at().toString());
            x.put("train_events", retrain.trainEvents());
            x.put("latest_train_event", retrain.latestTrainEvent().toString());
            x.put("published_items", (long) retrain.catalogue().size());
            x.put("towers", towers(retrain.towers()));
            rounds.add(x);
        }
        out.put("rounds", rounds);
        return out;
    }

    private static Map<String, Object> training(EvaluationResult r) {
        return towers(r.towers());
    }

    private static Map<String, Object> towers(Map<String, TrainedTower> towers) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, TrainedTower> e : towers.entrySet()) {
            LevelAucs a = e.getValue().report().heldOut();
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("model_version", e.getValue().modelVersion());
            t.put("held_out_auc_engagement", a.engagement());
            t.put("held_out_auc_cart_given_click", a.cartGivenClick());
            t.put("held_out_auc_purchase_given_cart", a.purchaseGivenCart());
            t.put("held_out_auc_purchase_vs_all", a.purchaseVsAll());
            t.put("trained_items", (long) e.getValue().trainedItemIds().size());
            out.put(e.getKey(), t);
        }
        return out;
    }

    private static Map<String, Object> tuning(Tuner.Outcome t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("validation_start", t.validationStart().toString());
        out.put("validation_purchases", t.purchases());
        out.put("chosen", t.jobArgs());
        List<Object> trials = new java.util.ArrayList<>();
        for (Tuner.Trial trial : t.trials()) {
            Map<String, Object> x = new LinkedHashMap<>(new java.util.TreeMap<>(trial.weights()));
            x.put("objective", trial.objective());
            trials.add(x);
        }
        out.put("trials", trials);
        return out;
    }

    private static Map<String, Object> config(EvaluationResult r) {
        EvaluateOptions o = r.options();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", o.seed());
        c.put("k", java.util.Arrays.stream(o.ks()).boxed().toList());
        c.put("systems", o.systems());
        c.put("bootstrap", (long) o.bootstrap());
        c.put("epochs", (long) o.epochs());
        c.put("ann_queries", (long) o.annQueries());
        c.put("popularity_half_life_hours", o.popularityHalfLifeMillis() / 3600_000.0);
        c.put("category_half_life_hours", o.categoryHalfLifeMillis() / 3600_000.0);
        c.put("train_id_dropout", o.idDropout());
        c.put("train_negatives", (long) o.negatives());
        c.put("train_popularity_exponent", o.popularityExponent());
        c.put("job_options", o.jobArgs());
        c.put("tune", o.tune());
        c.put("retrain_every", o.retrainEvery() == null ? null : o.retrainEvery().toString());
        return c;
    }
}
