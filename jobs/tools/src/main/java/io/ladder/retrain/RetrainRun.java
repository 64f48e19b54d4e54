package io.ladder.retrain;

import io.ladder.jobs.catalog.ModelVersionOrder;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.train.ItemPublisher;
import io.ladder.train.ItemTowerTrainer;
import io.ladder.train.ItemsTopicReader;
import io.ladder.train.LevelAucs;
import io.ladder.train.ProgressBar;
import io.ladder.train.PublishedTower;
import io.ladder.train.QualityGate;
import io.ladder.train.TopicWindow;
import io.ladder.train.TowerFiles;
import io.ladder.train.TrainConfig;
import io.ladder.train.TrainInput;
import io.ladder.train.TrainReport;
import io.ladder.train.TrainedTower;
import io.ladder.train.WarmStart;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One retrain run: read the window of the events topic, read the newest complete version from the
 * items topic, train warm-started from it, score both on the new window's held-out pairs, and
 * publish the new version only if the gate lets it. Also the rollback: republish a run's output as
 * a new version.
 */
final class RetrainRun {
    /** Milliseconds: two runs in one second still get distinct, ordered names. */
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private RetrainRun() {}

    static RunSummary train(RetrainOptions o, Instant now, PrintStream err) throws IOException {
        long started = System.nanoTime();
        TopicWindow window = o.topicWindow(now);
        TrainInput input = TrainInput.fromTopic(window, err);
        ItemsTopicReader.Snapshot onTopic =
                ItemsTopicReader.read(o.bootstrap(), o.itemsTopic(), err);
        PublishedTower previous = onTopic.newestComplete().orElse(null);
        TrainConfig config =
                o.config().toBuilder()
                        .until(window.until())
                        .modelVersion(
                                o.config().objective().cliName() + "-" + VERSION_TIME.format(now))
                        .build();
        WarmStart warm = o.cold() ? WarmStart.NONE : WarmStart.from(previous);
        err.printf(
                "training %s on [%s, %s): %s%n",
                config.modelVersion(),
                window.start(),
                window.until(),
                o.cold() || previous == null
                        ? "cold start"
                        : "warm start from " + previous.modelVersion());
        TrainedTower tower =
                ItemTowerTrainer.train(config, input.events(), new ProgressBar(err, false), warm);
        TrainReport report = tower.report();
        QualityGate.Decision gate = QualityGate.decide(tower, previous, o.gateMargin());
        boolean publish = gate.publish();
        String reason = gate.reason();
        ModelInfo info = tower.modelInfo();
        if (publish
                && previous != null
                && ModelVersionOrder.compare(info, previous.modelInfo()) <= 0) {
            publish = false;
            reason =
                    "refused: "
                            + info.getModelVersion()
                            + " would not order after "
                            + previous.modelVersion()
                            + " (created_time "
                            + previous.modelInfo().getCreatedTime()
                            + "): check the clock";
        }
        err.println("quality gate: " + reason);
        List<Item> items = tower.items();
        Path dir = o.out().resolve(tower.modelVersion());
        TowerFiles.writeItems(dir, items);
        TowerFiles.writeModelInfo(dir, info);
        long records = 0;
        List<String> retired = List.of();
        if (publish) {
            try (ItemPublisher publisher = ItemPublisher.connect(o.bootstrap(), o.itemsTopic())) {
                records = publisher.publish(info, items);
                err.printf(
                        "published %s: %d records to %s%n",
                        info.getModelVersion(), records, o.itemsTopic());
                retired = retireOlderThan(previous, onTopic.versions(), publisher);
            }
            if (!retired.isEmpty()) {
                err.printf("retired %d older version(s): %s%n", retired.size(), retired);
            }
        }
        WarmStart.Stats w = tower.warmStart();
        return new RunSummary()
                .put("version", tower.modelVersion())
                .put("previous", previous == null ? null : previous.modelVersion())
                .put("window_start", window.start().toString())
                .put("window_end", window.until().toString())
                .put("events", input.events().size())
                .put("warm_start", w.warm())
                .put("warm_items", w.items())
                .put("new_items", w.newItems())
                .put("warm_users", w.users())
                .put("epochs_run", report.epochs().size())
                .put("best_epoch", report.bestEpoch())
                .put("train_seconds", report.trainSeconds())
                .put("auc_new", mean(gate.candidate()))
                .put("auc_previous", mean(gate.previous()))
                .put(
                        "auc_new_trained_users",
                        report.heldOut() == null ? null : report.heldOut().mean())
                .put("gate_margin", o.gateMargin())
                .put("items", items.size())
                .put("published", publish)
                .put("published_records", records)
                .put("retired_versions", retired)
                .put("reason", reason)
                .put("out", dir.toString())
                .put("seconds", (System.nanoTime() - started) / 1e9);
    }

    /**
     * The rollback: the tower in {@code o.republish()} (a run's output directory) is published
     * again under a new version name and creation time, so the job, which never goes back to an
     * older version, adopts it as the newest.
     */
    static RunSummary republish(RetrainOptions o, Instant now, PrintStream err) throws IOException {
        long started = System.nanoTime();
        PublishedTower tower = TowerFiles.readTower(o.republish());
        String old = tower.modelVersion();
        String version = "rollback-" + VERSION_TIME.format(now) + "-" + old;
        PublishedTower renamed = tower.renamed(version, now);
        List<Item> items = renamed.items();
        long records;
        try (ItemPublisher publisher = ItemPublisher.connect(o.bootstrap(), o.itemsTopic())) {
            records = publisher.publish(renamed.modelInfo(), items);
        }
        err.printf(
                "republished %s (%d items) as %s to %s%n",
                old, items.size(), version, o.itemsTopic());
        return new RunSummary()
                .put("version", version)
                .put("republished", old)
                .put("items", items.size())
                .put("published", true)
                .put("published_records", records)
                .put("reason", "rollback to " + old)
                .put("seconds", (System.nanoTime() - started) / 1e9);
    }

    /**
     * Deletes the ModelInfo of every version older than {@code previous} from the compacted topic.
     * The new version and {@code previous} stay: the job serves the previous one until it holds all
     * the new one's items. Without this the topic keeps every version's category heads forever (a
     * megabyte a run on dev.csv's 2,400 categories, four runs a day), and every fresh start of the
     * job and every run re-reads them. Nothing happens without a previous version.
     */
    static List<String> retireOlderThan(
            PublishedTower previous, List<ModelInfo> onTopic, ItemPublisher publisher) {
        if (previous == null) {
            return List.of();
        }
        List<String> retired = new java.util.ArrayList<>();
        for (ModelInfo v : onTopic) {
            if (ModelVersionOrder.compare(v, previous.modelInfo()) < 0) {
                publisher.retire(v.getModelVersion());
                retired.add(v.getModelVersion());
            }
        }
        return retired;
    }

    private static Double mean(LevelAucs aucs) {
        return aucs == null ? null : aucs.mean();
    }
}
