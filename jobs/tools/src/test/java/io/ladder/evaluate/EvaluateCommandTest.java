package io.ladder.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.index.QuerySet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    private static final String[] KEYS_PER_K = {"recall@", "ndcg@"};

    private static EvaluationResult run(Path file, Path out, String... more) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--events",
                                file.toString(),
                                "--warmup-until",
                                "2023-11-18T22:13:20Z", // START + 4 days
                                "--k",
                                "5,20",
                                "--out",
                                out.toString(),
                                "--epochs",
                                "1",
                                "--resamples",
                                "50",
                                "--ann-queries",
                                "10",
                                "--threads",
                                "1",
                                "--no-progress"));
        args.addAll(List.of(more));
        return EvaluateCommand.run(EvaluateOptions.parse(args.toArray(String[]::new)));
    }

    @Test
    void writesEveryKeyAndIsReproducible(@TempDir Path dir) throws Exception {
        Path file = SyntheticEvents.write(dir, 11, 40, 6);
        EvaluationResult r = run(file, dir.resolve("a"));
        Map<String, Object> m = MetricsJson.of(r);
        for (String system : EvaluateOptions.ALL_SYSTEMS) {
            for (Target t : Target.values()) {
                for (String part : new String[] {null, "discovery", "reengagement"}) {
                    for (String key : KEYS_PER_K) {
                        for (int k : new int[] {5, 20}) {
                            Object v =
                                    part == null
                                            ? ReportWriter.get(
                                                    m, "systems", system, t.key(), key + k)
                                            : ReportWriter.get(
                                                    m, "systems", system, t.key(), part, key + k);
                            assertThat(v)
                                    .as(system + " " + t + " " + part + " " + key + k)
                                    .isInstanceOf(Double.class);
                        }
                    }
                }
            }
            for (int k : new int[] {5, 20}) {
                assertThat(ReportWriter.get(m, "systems", system, "coverage@" + k)).isNotNull();
                assertThat(ReportWriter.get(m, "systems", system, "diversity@" + k)).isNotNull();
            }
        }
        for (Target t : Target.values()) {
            assertThat(ReportWriter.num(m, "reference", t.key(), "anyone")).isBetween(0.0, 1.0);
            assertThat(ReportWriter.num(m, "reference", t.key(), "same_user")).isBetween(0.0, 1.0);
        }
        assertThat(ReportWriter.num(m, "ann_recall@5")).isBetween(0.0, 1.0);
        assertThat(ReportWriter.num(m, "ann_recall@20")).isBetween(0.0, 1.0);
        assertThat(
                        ReportWriter.get(
                                m, "intervals", "pipeline-recent", "purchase", "recall@5", "low"))
                .isNotNull();
        assertThat((Map<?, ?>) ReportWriter.get(m, "intervals"))
                .hasSize(EvaluateOptions.ALL_SYSTEMS.size() - 1);
        assertThat(ReportWriter.num(m, "dataset", "test_purchases")).isPositive();
        assertThat(ReportWriter.num(m, "systems", "pipeline", "purchase", "recall@20"))
                .isGreaterThan(0.0);

        Path a = dir.resolve("a");
        assertThat(a.resolve("report.md")).content().contains("| pipeline |", "| covisit |");
        assertThat(a.resolve("recall_purchase.png")).exists();
        assertThat(a.resolve("split_purchase_at_20.png")).exists();

        run(file, dir.resolve("b"));
        assertThat(Files.readString(dir.resolve("b/metrics.json")))
                .isEqualTo(Files.readString(a.resolve("metrics.json")));
    }

    @Test
    void dumpsTheCatalogueAndTheSampledInterestQueries(@TempDir Path dir) throws Exception {
        Path file = SyntheticEvents.write(dir, 11, 40, 6);
        Path dump = dir.resolve("queries.bin");
        EvaluationResult r =
                run(
                        file,
                        dir.resolve("out"),
                        "--systems",
                        "pipeline,recent",
                        "--dump-queries",
                        dump.toString());
        QuerySet set = QuerySet.read(dump);
        assertThat(set.items().length).isEqualTo((int) r.catalogueSize());
        assertThat(set.queries().length).isPositive();
        assertThat(set.dimension()).isEqualTo(set.queries()[0].length);
    }

    @Test
    void tuningSeesOnlyTheWarmUpWindow(@TempDir Path dir) throws Exception {
        Path file = SyntheticEvents.write(dir, 5, 30, 6);
        List<String> lines = Files.readAllLines(file);
        long until = SyntheticEvents.START + 4 * SyntheticEvents.DAY;
        // Same warm-up, different test days: every test purchase becomes a click.
        List<String> changed = new ArrayList<>();
        for (String line : lines) {
            String[] c = line.split(",");
            boolean test = !c[4].equals("ts") && Long.parseLong(c[4]) >= until;
            changed.add(test ? line.replace(",buy,", ",pv,") : line);
        }
        // Same file name too: a CSV event's id is derived from its file's name and line, and the
        // fused ranking's negative samples are drawn by event id.
        Path other = Files.createDirectories(dir.resolve("other")).resolve(file.getFileName());
        Files.write(other, changed);
        String[] tune = {"--tune", "--systems", "pipeline,recent", "--ann-queries", "0"};
        Map<String, Object> a = MetricsJson.of(run(file, dir.resolve("a"), tune));
        Map<String, Object> b = MetricsJson.of(run(other, dir.resolve("b"), tune));
        assertThat(ReportWriter.get(a, "tuning", "trials")).isNotNull();
        assertThat(Json.write(ReportWriter.get(a, "tuning")))
                .isEqualTo(Json.write(ReportWriter.get(b, "tuning")));
        assertThat(ReportWriter.num(b, "dataset", "test_purchases")).isZero();
    }

    @Test
    void eachRetrainSeesOnlyTheEventsBeforeItsBoundary(@TempDir Path dir) throws Exception {
        Path file = SyntheticEvents.write(dir, 7, 30, 6);
        long secondBoundary = SyntheticEvents.START + 5 * SyntheticEvents.DAY;
        // Same events up to the second boundary (warm-up + 1 day), different after it.
        List<String> changed = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] c = line.split(",");
            boolean late = !c[4].equals("ts") && Long.parseLong(c[4]) >= secondBoundary;
            changed.add(late ? line.replace(",pv,", ",buy,") : line);
        }
        Path other = Files.createDirectories(dir.resolve("other")).resolve(file.getFileName());
        Files.write(other, changed);
        String[] retrain = {
            "--retrain-every", "12h", "--systems", "pipeline,recent", "--ann-queries", "0"
        };
        Map<String, Object> a = MetricsJson.of(run(file, dir.resolve("a"), retrain));
        Map<String, Object> b = MetricsJson.of(run(other, dir.resolve("b"), retrain));

        List<?> rounds = (List<?>) ReportWriter.get(a, "retrain", "rounds");
        assertThat(rounds).hasSize(3); // warm-up end + 12 h, + 24 h, + 36 h
        for (Object round : rounds) {
            Map<?, ?> r = (Map<?, ?>) round;
            assertThat(java.time.Instant.parse((String) r.get("latest_train_event")))
                    .isBefore(java.time.Instant.parse((String) r.get("at")));
        }
        List<?> others = (List<?>) ReportWriter.get(b, "retrain", "rounds");
        // The first two towers trained on identical pasts; the third saw the changed half day.
        assertThat(Json.write(rounds.get(0))).isEqualTo(Json.write(others.get(0)));
        assertThat(Json.write(rounds.get(1))).isEqualTo(Json.write(others.get(1)));
        assertThat(Json.write(rounds.get(2))).isNotEqualTo(Json.write(others.get(2)));
        assertThat(Files.readString(dir.resolve("a/report.md"))).contains("## Retraining");
    }
}
