package io.ladder.train;

import io.ladder.schemas.Item;
import io.ladder.schemas.UserEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/train}: reads an events window (a CSV, or an event-time window of the events
 * topic), trains the item tower, writes {@code items.avro}, {@code model-info.avro} and {@code
 * report.json} to the output directory and optionally publishes to the items topic; {@code
 * --compare} trains the three objectives and prints a table. See jobs/TRAIN.md.
 */
public final class TrainCommand {
    private TrainCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Returns the process exit code: 0 ok, 2 bad arguments, 1 failure. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        TrainOptions options;
        try {
            options = TrainOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            TrainInput input = TrainInput.read(options, err);
            WarmStart warm = WarmStart.NONE;
            if (options.warmFrom() != null) {
                PublishedTower previous = TowerFiles.readTower(options.warmFrom());
                err.printf(
                        "warm start from %s (%d items) in %s%n",
                        previous.modelVersion(), previous.itemCount(), options.warmFrom());
                warm = WarmStart.from(previous);
            }
            Map<String, String> catalog = readCatalog(options.catalog(), err);
            if (options.compare()) {
                compare(options, input, warm, catalog, out, err);
            } else {
                trainOne(options, options.config(), options.out(), input, warm, catalog, err);
            }
            return 0;
        } catch (RuntimeException | IOException e) {
            // bad data, a failed publish (KafkaException included) or an unreadable file
            err.println("train failed: " + e);
            return 1;
        }
    }

    private static TrainedTower trainOne(
            TrainOptions options,
            TrainConfig config,
            Path dir,
            TrainInput input,
            WarmStart warm,
            Map<String, String> catalog,
            PrintStream err)
            throws IOException {
        err.printf(
                "training %s: dim %d, epochs <= %d, %d thread(s), seed %d, %d negatives%n",
                config.objective().cliName(),
                config.headDim(),
                config.epochs(),
                config.threads(),
                config.seed(),
                config.negatives());
        TrainedTower tower =
                ItemTowerTrainer.train(
                        config,
                        input.events(),
                        new ProgressBar(err, System.console() != null),
                        warm);
        WarmStart.Stats w = tower.warmStart();
        if (w.fromVersion() != null) {
            err.printf(
                    "warm start: %d items, %d categories, %d users from %s; %d new items%s%n",
                    w.items(),
                    w.categories(),
                    w.users(),
                    w.fromVersion(),
                    w.newItems(),
                    w.skipped() == null ? "" : " (not used: " + w.skipped() + ")");
        }
        List<Item> items = new ArrayList<>(tower.items());
        int windowItems = items.size();
        for (Map.Entry<String, String> e : catalog.entrySet()) {
            if (!tower.inWindow(e.getKey())) {
                items.add(tower.item(e.getKey(), e.getValue()));
            }
        }
        TowerFiles.writeItems(dir, items);
        TowerFiles.writeModelInfo(dir, tower.modelInfo());
        long published = 0;
        if (options.publish()) {
            try (ItemPublisher publisher =
                    ItemPublisher.connect(options.bootstrap(), options.topic())) {
                published = publisher.publish(tower.modelInfo(), items);
            }
            err.printf("published %d records to %s%n", published, options.topic());
        }
        TrainReport r = tower.report();
        String extra =
                String.format(
                        Locale.ROOT,
                        "%s\n  \"items_written\": %d,\n  \"window_items\": %d,\n"
                                + "  \"catalog_items_added\": %d,\n  \"published_records\": %d,\n"
                                + "  \"warm_start_from\": %s,\n  \"warm_items\": %d,\n"
                                + "  \"config\": %s,",
                        input.reportFields(),
                        items.size(),
                        windowItems,
                        items.size() - windowItems,
                        published,
                        tower.warmStart().fromVersion() == null
                                ? "null"
                                : TrainReport.quote(tower.warmStart().fromVersion()),
                        tower.warmStart().items(),
                        TrainReport.quote(config.toString()));
        TowerFiles.writeReport(dir, r.toJson(config.negatives(), extra));
        err.printf(
                Locale.ROOT,
                "%s: best epoch %d, held-out AUC mean %.4f, %.1fs, %.0f train events/s x epochs;"
                        + " wrote %d items to %s%n",
                r.objective(),
                r.bestEpoch(),
                r.heldOut().mean(),
                r.trainSeconds(),
                r.eventsPerSecond(),
                items.size(),
                dir);
        return tower;
    }

    private static void compare(
            TrainOptions options,
            TrainInput input,
            WarmStart warm,
            Map<String, String> catalog,
            PrintStream out,
            PrintStream err)
            throws IOException {
        List<TrainReport> reports = new ArrayList<>();
        for (Objective objective : Objective.values()) {
            TrainConfig base = options.config();
            TrainConfig config =
                    base.toBuilder()
                            .objective(objective)
                            .modelVersion(
                                    base.modelVersion() == null
                                            ? null
                                            : base.modelVersion() + "-" + objective.cliName())
                            .build();
            Path dir = options.out().resolve(objective.cliName());
            reports.add(trainOne(options, config, dir, input, warm, catalog, err).report());
        }
        String table = comparisonTable(reports);
        out.print(table);
        Files.writeString(options.out().resolve("comparison.md"), table);
    }

    /** A Markdown table of the objectives' held-out AUCs and timings. */
    public static String comparisonTable(List<TrainReport> reports) {
        StringBuilder b = new StringBuilder();
        b.append(
                "| objective | levels | best epoch | AUC engage | AUC cart\\|click |"
                        + " AUC buy\\|cart | AUC buy\\|all | mean | train s | events/s |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (TrainReport r : reports) {
            LevelAucs a = r.heldOut();
            b.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %d | %.4f | %.4f | %.4f | %.4f | %.4f | %.1f | %.0f |%n",
                            r.objective(),
                            r.cutpoints().length,
                            r.bestEpoch(),
                            a.engagement(),
                            a.cartGivenClick(),
                            a.purchaseGivenCart(),
                            a.purchaseVsAll(),
                            a.mean(),
                            r.trainSeconds(),
                            r.eventsPerSecond()));
        }
        if (!reports.isEmpty()) {
            TrainReport r = reports.get(0);
            long[] p = r.heldOut().pairs();
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%nheld-out %s .. %s: %d pairs scored (labels 0/1/2/3: %d/%d/%d/%d),"
                                    + " %d pairs of unseen users skipped%n",
                            r.heldOutStart(),
                            r.windowEnd(),
                            r.heldOutPairsScored(),
                            p[0],
                            p[1],
                            p[2],
                            p[3],
                            r.heldOutPairsSkipped()));
        }
        return b.toString();
    }

    /** item id -> category (first non-empty one) of every row of the catalogue file. */
    private static Map<String, String> readCatalog(Path catalog, PrintStream err)
            throws IOException {
        Map<String, String> items = new LinkedHashMap<>();
        if (catalog == null) {
            return items;
        }
        EventsFile file = EventsFile.read(catalog, null);
        for (UserEvent e : file.events()) {
            String category = e.getCategoryId();
            items.merge(
                    e.getItemId(),
                    category == null ? "" : category,
                    (old, fresh) -> old.isEmpty() ? fresh : old);
        }
        items.replaceAll((k, v) -> v.isEmpty() ? null : v);
        err.printf(
                "catalogue %s: %d items (%d malformed rows skipped)%n",
                catalog, items.size(), file.rejected());
        return items;
    }
}
