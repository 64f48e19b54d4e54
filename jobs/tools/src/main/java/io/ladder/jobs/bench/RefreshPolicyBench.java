package io.ladder.jobs.bench;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.config.RawOptions;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.replay.ReplayDriver;
import io.ladder.jobs.user.CountingMetrics;
import io.ladder.jobs.user.Recommender;
import io.ladder.schemas.Item;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.train.EventsFile;
import io.ladder.train.ItemTowerTrainer;
import io.ladder.train.TrainConfig;
import io.ladder.train.TrainedTower;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the refresh policy costs and saves: replays an events file through the job's recommender
 * (one subtask, HNSW index) under several policies and reports lists/s, index queries per list and
 * the share of lists that only re-scored. The item tower is trained on the file first (a cost
 * benchmark, not a quality one; quality is scripts/evaluate). Last line: one JSON object.
 *
 * <p>Usage: {@code RefreshPolicyBench EVENTS.csv}
 */
public final class RefreshPolicyBench {
    private RefreshPolicyBench() {}

    public static void main(String[] args) throws Exception {
        RawOptions o = RawOptions.parse(args);
        Path file = Path.of(o.onePositional("EVENTS.csv"));
        o.refuseUnused("usage: RefreshPolicyBench EVENTS.csv");
        List<UserEvent> events = EventsFile.read(file, null).events();
        System.err.println("training the item tower on " + events.size() + " events");
        TrainedTower tower =
                ItemTowerTrainer.train(TrainConfig.builder().threads(2).epochs(3).build(), events);
        Map<String, List<String>> policies = new LinkedHashMap<>();
        policies.put("default", List.of());
        policies.put("always_requery", List.of("--retrieval.requery-drift", "0"));
        policies.put("lazy", List.of("--retrieval.requery-drift", "0.3"));
        // the default lets the drift decide after a purchase too; this is the earlier policy
        policies.put(
                "every_purchase_requeries", List.of("--retrieval.requery-on-purchase", "true"));
        StringBuilder json = new StringBuilder("{\"events\": " + events.size());
        for (Map.Entry<String, List<String>> policy : policies.entrySet()) {
            CountingMetrics counts = new CountingMetrics();
            JobConfig config =
                    JobConfig.parse(
                            Stream.concat(
                                            policy.getValue().stream(),
                                            Stream.of("--replay", "true", "--redis.ttl", "1d"))
                                    .toArray(String[]::new));
            Recommender recommender = new Recommender(config, counts, Clock.systemUTC());
            ReplayDriver driver = new ReplayDriver(recommender, list -> {});
            driver.catalog(
                    CatalogRecord.model(
                            tower.modelVersion(), Codecs.MODEL_INFO.encode(tower.modelInfo()), 0));
            for (Item item : tower.items()) {
                driver.catalog(CatalogRecord.item(item));
            }
            long start = System.nanoTime();
            for (UserEvent event : events) {
                driver.event(EventRecord.of(event, event.getEventTime().toEpochMilli()));
            }
            driver.advanceWatermark(Long.MAX_VALUE);
            double seconds = (System.nanoTime() - start) / 1e9;
            String name = policy.getKey();
            System.err.printf(
                    "%-24s %-40s lists %,d  %.0f lists/s  %.0f events/s  index queries/list %.2f"
                            + "  re-scored only %.0f%%%n",
                    name,
                    String.join(" ", policy.getValue()),
                    counts.lists(),
                    counts.lists() / seconds,
                    events.size() / seconds,
                    counts.indexQueries() / (double) Math.max(1, counts.lists()),
                    100.0 * counts.rescoredOnlyLists() / Math.max(1, counts.lists()));
            json.append(
                    String.format(
                            ", \"%s_lists_per_s\": %.0f, \"%s_events_per_s\": %.0f,"
                                    + " \"%s_queries_per_list\": %.3f, \"%s_rescored_share\": %.3f",
                            name,
                            counts.lists() / seconds,
                            name,
                            events.size() / seconds,
                            name,
                            counts.indexQueries() / (double) Math.max(1, counts.lists()),
                            name,
                            counts.rescoredOnlyLists() / (double) Math.max(1, counts.lists())));
        }
        json.append(", \"note\": \"one thread, one subtask, HNSW; ")
                .append(Instant.now())
                .append("\"}");
        System.out.println(json);
    }
}
