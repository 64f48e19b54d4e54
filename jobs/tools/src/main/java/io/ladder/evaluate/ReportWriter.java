package io.ladder.evaluate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code metrics.json}, {@code report.md} and the PNG charts into the output directory. */
public final class ReportWriter {
    private ReportWriter() {}

    public static void write(EvaluationResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> metrics = MetricsJson.of(r);
        Files.writeString(dir.resolve("metrics.json"), Json.write(metrics), StandardCharsets.UTF_8);
        List<String> charts = charts(r, metrics, dir);
        Files.writeString(
                dir.resolve("report.md"), markdown(r, metrics, charts), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Object get(Map<String, Object> root, String... path) {
        Object v = root;
        for (String p : path) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = ((Map<String, Object>) m).get(p);
        }
        return v;
    }

    static double num(Map<String, Object> root, String... path) {
        Object v = get(root, path);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    private static List<String> charts(EvaluationResult r, Map<String, Object> m, Path dir)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> files = new ArrayList<>();
        int[] ks = r.options().ks();
        String[] kLabels = new String[ks.length];
        for (int i = 0; i < ks.length; i++) {
            kLabels[i] = Integer.toString(ks[i]);
        }
        List<String> names = new ArrayList<>(r.scores().keySet());
        for (Target t : Target.values()) {
            List<Charts.Series> curves = new ArrayList<>();
            for (String name : names) {
                double[] v = new double[ks.length];
                for (int i = 0; i < ks.length; i++) {
                    v[i] = num(m, "systems", name, t.key(), "recall@" + ks[i]);
                }
                curves.add(new Charts.Series(name, v));
            }
            String file = "recall_" + t.key() + ".png";
            Charts.lines(dir.resolve(file), t.key() + ": Recall@K per system", kLabels, curves);
            files.add(file);
            for (int k : ks) {
                double[] re = new double[names.size()];
                double[] di = new double[names.size()];
                for (int s = 0; s < names.size(); s++) {
                    re[s] = num(m, "systems", names.get(s), t.key(), "reengagement", "recall@" + k);
                    di[s] = num(m, "systems", names.get(s), t.key(), "discovery", "recall@" + k);
                }
                String split = "split_" + t.key() + "_at_" + k + ".png";
                Charts.bars(
                        dir.resolve(split),
                        t.key() + ": Recall@" + k + ", re-engagement vs discovery",
                        names.toArray(String[]::new),
                        List.of(
                                new Charts.Series("re-engagement", re),
                                new Charts.Series("discovery", di)));
                files.add(split);
            }
        }
        return files;
    }

    private static String markdown(EvaluationResult r, Map<String, Object> m, List<String> charts) {
        StringBuilder b = new StringBuilder();
        int[] ks = r.options().ks();
        b.append("# Evaluation: prequential replay\n\n");
        b.append("Events: `").append(r.options().events()).append("`, warm-up until ");
        b.append(r.options().warmupUntil())
                .append(" (")
                .append(r.options().warmupUntil().getEpochSecond());
        b.append("), catalogue `").append(r.options().catalogueAll() ? "all" : "seen");
        b.append("`, seed ").append(r.options().seed()).append(", bootstrap ");
        b.append(r.options().bootstrap())
                .append(String.format(Locale.ROOT, ", %.0f s.%n%n", r.seconds()));
        if (!r.retrains().isEmpty()) {
            b.append("## Retraining (--retrain-every ")
                    .append(r.options().retrainEvery())
                    .append(")\n\n| round | at | events trained on | items published | seconds |\n")
                    .append("|---|---|---|---|---|\n");
            for (Retrain retrain : r.retrains()) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                "| %d | %s | %d | %d | %.1f |%n",
                                retrain.round(),
                                retrain.at(),
                                retrain.trainEvents(),
                                retrain.catalogue().size(),
                                retrain.seconds()));
            }
            b.append("\n");
        }
        b.append("## Dataset\n\n| key | value |\n|---|---|\n");
        ((Map<?, ?>) get(m, "dataset"))
                .forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        b.append("\n## Reference shares (the ceiling of retrieval by id)\n\n");
        b.append(
                "| target | events | item engaged before by anyone | by the same user |\n|---|---|---|---|\n");
        for (Target t : Target.values()) {
            b.append("| ").append(t.key()).append(" | ").append(r.targets().count(t)).append(" | ");
            b.append(f(num(m, "reference", t.key(), "anyone"))).append(" | ");
            b.append(f(num(m, "reference", t.key(), "same_user"))).append(" |\n");
        }
        for (Target t : Target.values()) {
            for (String part : new String[] {null, "reengagement", "discovery"}) {
                b.append("\n## ").append(t.key());
                b.append(part == null ? ": all events" : ": " + part).append("\n\n| system |");
                StringBuilder sep = new StringBuilder("|---|");
                for (String metric : new String[] {"recall", "ndcg"}) {
                    for (int k : ks) {
                        b.append(" ").append(metric).append("@").append(k).append(" |");
                        sep.append("---|");
                    }
                }
                b.append(" events |\n").append(sep).append("---|\n");
                for (String name : r.scores().keySet()) {
                    b.append("| ").append(name).append(" |");
                    for (String metric : new String[] {"recall", "ndcg"}) {
                        for (int k : ks) {
                            double v =
                                    part == null
                                            ? num(m, "systems", name, t.key(), metric + "@" + k)
                                            : num(
                                                    m,
                                                    "systems",
                                                    name,
                                                    t.key(),
                                                    part,
                                                    metric + "@" + k);
                            b.append(" ").append(f(v)).append(" |");
                        }
                    }
                    Object n =
                            part == null
                                    ? get(m, "systems", name, t.key(), "events")
                                    : get(m, "systems", name, t.key(), part, "events");
                    b.append(" ").append(n).append(" |\n");
                }
            }
        }
        b.append("\n## Coverage and diversity\n\n| system |");
        StringBuilder sep = new StringBuilder("|---|");
        for (String metric : new String[] {"coverage", "diversity"}) {
            for (int k : ks) {
                b.append(" ").append(metric).append("@").append(k).append(" |");
                sep.append("---|");
            }
        }
        b.append(" lists scored |\n").append(sep).append("---|\n");
        for (String name : r.scores().keySet()) {
            b.append("| ").append(name).append(" |");
            for (String metric : new String[] {"coverage", "diversity"}) {
                for (int k : ks) {
                    b.append(" ").append(f(num(m, "systems", name, metric + "@" + k))).append(" |");
                }
            }
            b.append(" ").append(get(m, "systems", name, "lists_scored")).append(" |\n");
        }
        b.append(
                "\n## HNSW recall against exact search (pipeline's interest queries)\n\n| K | recall |\n|---|---|\n");
        for (int k : ks) {
            b.append("| ")
                    .append(k)
                    .append(" | ")
                    .append(f(num(m, "ann_recall@" + k)))
                    .append(" |\n");
        }
        b.append("\n## Pipeline minus baseline (paired bootstrap, 95%)\n\n");
        Map<?, ?> intervals = (Map<?, ?>) get(m, "intervals");
        if (intervals.isEmpty()) {
            b.append("(pipeline not evaluated)\n");
        }
        for (Target t : Target.values()) {
            if (intervals.isEmpty()) {
                break;
            }
            b.append("\n### ")
                    .append(t.key())
                    .append(
                            "\n\n| comparison | metric | difference | 95% interval |\n|---|---|---|---|\n");
            for (Object cmp : intervals.keySet()) {
                for (String metric : new String[] {"recall", "ndcg"}) {
                    for (int k : ks) {
                        String key = metric + "@" + k;
                        b.append("| ").append(cmp).append(" | ").append(key).append(" | ");
                        b.append(f(num(m, "intervals", (String) cmp, t.key(), key, "difference")));
                        b.append(" | [")
                                .append(f(num(m, "intervals", (String) cmp, t.key(), key, "low")));
                        b.append(", ")
                                .append(f(num(m, "intervals", (String) cmp, t.key(), key, "high")))
                                .append("] |\n");
                    }
                }
            }
        }
        b.append(
                "\n## Item towers (held-out last 10% of the warm-up events)\n\n| tower | AUC engage | cart given click | purchase given cart | purchase vs all |\n|---|---|---|---|---|\n");
        for (String tower : r.towers().keySet()) {
            b.append("| ").append(tower).append(" | ");
            b.append(f(num(m, "training", tower, "held_out_auc_engagement"))).append(" | ");
            b.append(f(num(m, "training", tower, "held_out_auc_cart_given_click"))).append(" | ");
            b.append(f(num(m, "training", tower, "held_out_auc_purchase_given_cart")))
                    .append(" | ");
            b.append(f(num(m, "training", tower, "held_out_auc_purchase_vs_all"))).append(" |\n");
        }
        if (r.tuning() != null) {
            Tuner.Outcome t = r.tuning();
            b.append("\n## Tuning (validation part from ").append(t.validationStart());
            b.append(", ").append(t.purchases()).append(" purchases; never the test days)\n\n");
            b.append("Chosen: `").append(String.join(" ", t.jobArgs())).append("`\n\n");
            b.append(
                    "| trial | weights | objective (mean of purchase recall and NDCG over K) |\n|---|---|---|\n");
            int i = 0;
            for (Tuner.Trial trial : t.trials()) {
                b.append("| ")
                        .append(++i)
                        .append(" | ")
                        .append(new java.util.TreeMap<>(trial.weights()));
                b.append(" | ").append(f(trial.objective())).append(" |\n");
            }
        }
        b.append("\n## Charts\n\n");
        for (String c : charts) {
            b.append("![").append(c).append("](").append(c).append(")\n");
        }
        return b.toString();
    }
}
