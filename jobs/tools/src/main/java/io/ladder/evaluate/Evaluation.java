package io.ladder.evaluate;

import io.ladder.jobs.config.JobConfig;
import io.ladder.schemas.UserEvent;
import io.ladder.train.ItemTowerTrainer;
import io.ladder.train.Objective;
import io.ladder.train.TrainConfig;
import io.ladder.train.TrainListener;
import io.ladder.train.TrainedTower;
import io.ladder.train.ValidationCut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prequential replay (docs/MODELS.md section 5): trains the item towers on the warm-up window,
 * then runs every system over the whole stream once, in time order, scoring each test purchase and
 * cart against the list the system had for the user just before it.
 */
public final class Evaluation {
    /** Items the popularity counter keeps (the weakest half goes when it overflows). */
    static final int POPULARITY_CAPACITY = 4_000;

    private final EvaluateOptions options;
    private final Progress progress;
    private List<String> tuned = List.of();
    private Tuner.Outcome tuning;

    public Evaluation(EvaluateOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    public EvaluationResult run() throws Exception {
        long start = System.nanoTime();
        progress.phase("reading " + options.events().getFileName(), 1);
        EventStream stream = EventStream.read(options.events(), options.warmupUntil());
        progress.finish();
        if (stream.warmup().isEmpty()) {
            throw new IllegalArgumentException(
                    "no events before --warmup-until "
                            + options.warmupUntil()
                            + ": the item tower has nothing to train on");
        }
        if (stream.test().isEmpty()) {
            throw new IllegalArgumentException(
                    "no events at or after --warmup-until "
                            + options.warmupUntil()
                            + ": nothing to test");
        }
        TestTargets targets = TestTargets.of(stream.warmup(), stream.test());
        Map<String, String> published =
                options.catalogueAll() ? stream.catalogue() : stream.seenCatalogue();
        long publishTime = options.warmupUntil().toEpochMilli();
        List<String> systems = options.systems();

        Map<String, TrainedTower> towers = new LinkedHashMap<>();
        if (systems.contains("pipeline")
                || systems.contains("single_interest")
                || systems.contains("no_co_engagement")
                || systems.contains("train_once")) {
            towers.put("gnolr", train(Objective.GNOLR, stream.warmup()));
        }
        if (systems.contains("binary")) {
            towers.put("binary", train(Objective.BINARY, stream.warmup()));
        }
        List<Retrain> retrains =
                options.retrainEvery() == null ? List.of() : retrains(stream, towers.keySet());

        if (options.tune() && towers.containsKey("gnolr")) {
            // The trainer's held-out part: the same events, the same end, the same cut.
            Instant validationStart = ValidationCut.of(stream.warmup(), options.warmupUntil());
            Map<String, String> tuneCatalogue =
                    options.catalogueAll()
                            ? stream.catalogue()
                            : EventStream.of(stream.warmup(), validationStart, 0, 0, List.of())
                                    .seenCatalogue();
            tuning =
                    Tuner.tune(
                            validationStart,
                            stream.warmup(),
                            tuneCatalogue,
                            towers.get("gnolr"),
                            this::jobConfig,
                            options.ks(),
                            progress);
            tuned = tuning.jobArgs();
            progress.finish();
        }

        Map<String, SystemScores> scores = new LinkedHashMap<>();
        for (String name : systems) {
            EvaluatedSystem system = build(name, towers, published, publishTime);
            scores.put(
                    name,
                    replay(
                            system,
                            stream.warmup(),
                            stream.test(),
                            targets,
                            stream.catalogue(),
                            options.ks(),
                            retrains,
                            towerKey(name),
                            progress));
        }
        progress.finish();

        double[] ann = null;
        TrainedTower gnolr = towers.get("gnolr");
        if (gnolr != null && options.annQueries() > 0) {
            ann =
                    AnnRecall.measure(
                            jobConfig(List.of()),
                            gnolr,
                            stream.catalogue(),
                            stream.warmup(),
                            stream.test(),
                            targets,
                            options.ks(),
                            options.annQueries(),
                            options.dumpQueries(),
                            progress);
            progress.finish();
        }
        return new EvaluationResult(
                options,
                stream,
                targets,
                scores,
                towers,
                ann,
                stream.catalogue().size(),
                published.size(),
                tuning,
                retrains,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Which retrained tower a system follows (null: a baseline, or {@code train_once}, which keeps
     * the warm-up's tower).
     */
    static String towerKey(String system) {
        return switch (system) {
            case "pipeline", "single_interest", "no_co_engagement" -> "gnolr";
            case "binary" -> "binary";
            default -> null;
        };
    }

    /**
     * The replay's retrains: at each boundary of {@code --retrain-every}, every tower again on all
     * the events before it (warm-up and the test events so far), none at or after it.
     */
    private List<Retrain> retrains(EventStream stream, java.util.Set<String> keys) {
        List<Instant> boundaries =
                options.retrainEvery().boundaries(options.warmupUntil(), stream.test());
        List<Retrain> out = new ArrayList<>();
        List<UserEvent> before = new ArrayList<>(stream.warmup());
        List<UserEvent> test = stream.test();
        int next = 0;
        for (int k = 0; k < boundaries.size(); k++) {
            Instant at = boundaries.get(k);
            while (next < test.size() && test.get(next).getEventTime().isBefore(at)) {
                before.add(test.get(next++));
            }
            long start = System.nanoTime();
            Map<String, TrainedTower> towers = new LinkedHashMap<>();
            for (String key : keys) {
                Objective objective = key.equals("binary") ? Objective.BINARY : Objective.GNOLR;
                towers.put(key, train(objective, before, at, "-r" + (k + 1)));
            }
            Map<String, String> catalogue = new LinkedHashMap<>();
            if (options.catalogueAll()) {
                catalogue.putAll(stream.catalogue());
            } else {
                for (UserEvent e : before) {
                    catalogue.putIfAbsent(e.getItemId(), stream.catalogue().get(e.getItemId()));
                }
            }
            out.add(
                    new Retrain(
                            at,
                            k + 1,
                            before.size(),
                            before.get(before.size() - 1).getEventTime(),
                            towers,
                            catalogue,
                            (System.nanoTime() - start) / 1e9));
        }
        return out;
    }

    private TrainedTower train(Objective objective, List<UserEvent> warmup) {
        return train(objective, warmup, options.warmupUntil(), "");
    }

    private TrainedTower train(
            Objective objective, List<UserEvent> events, Instant until, String round) {
        TrainConfig config =
                TrainConfig.builder()
                        .objective(objective)
                        .epochs(options.epochs())
                        .threads(options.threads())
                        .seed(options.seed())
                        .idDropout(options.idDropout())
                        .negatives(options.negatives())
                        .popularityExponent(options.popularityExponent())
                        .until(until)
                        .modelVersion("eval-" + objective.cliName() + "-" + options.seed() + round)
                        .build();
        progress.phase(
                "training "
                        + objective.cliName()
                        + " item tower"
                        + (round.isEmpty()
                                ? ""
                                : " " + round.substring(1) + " (until " + until + ")"),
                config.epochs());
        TrainedTower tower =
                ItemTowerTrainer.train(
                        config,
                        events,
                        new TrainListener() {
                            @Override
                            public void epochEnd(
                                    io.ladder.train.EpochStats stats, int epochs, boolean best) {
                                progress.advance(1);
                            }
                        });
        progress.finish();
        return tower;
    }

    private EvaluatedSystem build(
            String name, Map<String, TrainedTower> towers, Map<String, String> published, long t)
            throws Exception {
        int maxK = options.maxK();
        int bound = jobConfig(List.of()).model().recentItems();
        if (towers.containsKey(name.equals("binary") ? "binary" : "gnolr")
                && !EvaluateOptions.BASELINES.contains(name)) {
            progress.phase(name + ": publishing " + published.size() + " items", 1);
        }
        return switch (name) {
            case "pipeline" ->
                    new RecommenderSystem(
                            name, jobConfig(List.of()), towers.get("gnolr"), published, maxK, t);
            case "single_interest" ->
                    new RecommenderSystem(
                            name,
                            jobConfig(List.of("--model.max-interests", "1")),
                            towers.get("gnolr"),
                            published,
                            maxK,
                            t);
            case "no_co_engagement" ->
                    new RecommenderSystem(
                            name,
                            jobConfig(List.of("--co-engagement.enabled", "false")),
                            towers.get("gnolr"),
                            published,
                            maxK,
                            t);
            case "train_once" ->
                    new RecommenderSystem(
                            name, jobConfig(List.of()), towers.get("gnolr"), published, maxK, t);
            case "binary" ->
                    new RecommenderSystem(
                            name, jobConfig(List.of()), towers.get("binary"), published, maxK, t);
            case "popularity" ->
                    new PopularityBaseline(
                            options.popularityHalfLifeMillis(), POPULARITY_CAPACITY, maxK);
            case "category_popularity" ->
                    new CategoryPopularityBaseline(options.categoryHalfLifeMillis(), maxK);
            case "recent" -> new RecentBaseline(bound, maxK);
            case "covisit" -> new CovisitBaseline(false, bound, maxK);
            case "covisit_touched" -> new CovisitBaseline(true, bound, maxK);
            default -> throw new IllegalArgumentException("unknown system " + name);
        };
    }

    /**
     * The job's configuration: replay mode, lists at least as long as the largest K, the job
     * options given, the tuned weights (after --tune), then {@code overrides}.
     */
    JobConfig jobConfig(List<String> overrides) {
        List<String> args = new ArrayList<>();
        args.add("--replay");
        args.add("true");
        args.add("--list.size");
        args.add(Integer.toString(Math.max(JobConfig.DEFAULT_LIST_SIZE, options.maxK())));
        // The job's own index (hnsw by default). A graph built by several threads links nodes in
        // the order the threads interleave, so lists retrieved through HNSW move slightly from run
        // to run; --index.type exact makes the replay reproducible (and much slower on large
        // catalogues).
        args.addAll(options.jobArgs());
        args.addAll(tuned);
        args.addAll(overrides);
        return JobConfig.parse(args.toArray(String[]::new));
    }

    /**
     * Runs {@code system} over {@code warmup} (lists not scored), then over {@code test}, scoring
     * each of its targets against the list that stood before it; a job system gets each retrain's
     * tower (its {@code towerKey}) just before its first event at or after the retrain's boundary.
     */
    static SystemScores replay(
            EvaluatedSystem system,
            List<UserEvent> warmup,
            List<UserEvent> test,
            TestTargets targets,
            Map<String, String> categories,
            int[] ks,
            List<Retrain> retrains,
            String towerKey,
            Progress progress)
            throws Exception {
        progress.phase(system.name() + ": replay", warmup.size() + test.size());
        for (UserEvent e : warmup) {
            system.step(e, false);
            progress.advance(1);
        }
        SystemScores scores = new SystemScores(system.name(), ks, targets.scored().size());
        int next = 0;
        int round = 0;
        for (int i = 0; i < test.size(); i++) {
            UserEvent e = test.get(i);
            while (round < retrains.size()
                    && !e.getEventTime().isBefore(retrains.get(round).at())) {
                Retrain retrain = retrains.get(round++);
                if (towerKey != null && system instanceof RecommenderSystem job) {
                    job.publish(
                            retrain.towers().get(towerKey),
                            retrain.catalogue(),
                            retrain.at().toEpochMilli());
                }
            }
            boolean scored = targets.isTarget(i);
            List<String> list = system.step(e, scored);
            if (scored) {
                scores.record(next++, list, e.getItemId(), categories::get);
            }
            progress.advance(1);
        }
        return scores;
    }
}
