package io.ladder.jobs.metrics;

import io.ladder.index.IndexStats;
import java.time.Clock;
import java.util.function.Supplier;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;

/**
 * Metrics of a subtask's item index, for the operator that owns it: call {@link #register} once in
 * {@code open} with a supplier of the index's {@link IndexStats} (e.g. {@code index::stats}), then
 * {@link #query()} per index search. Gauges are read by the reporter thread, so the supplier must
 * be safe to call concurrently with searches (HnswItemIndex.stats() is).
 *
 * <ul>
 *   <li>{@code indexQueriesPerSecond} (meter) and {@code indexQueries} (its count)
 *   <li>{@code indexItems}, {@code indexVectors}, {@code indexDeletedNodes}, {@code
 *       indexUnreachableNodes} (nodes HNSW pruning orphaned at the last build, scanned exactly),
 *       {@code indexChangesSinceBuild} (gauges)
 *   <li>{@code indexLastBuildTime} (epoch ms the serving graph was swapped in), {@code indexAgeMs}
 *       (now minus that), {@code indexVersion}, {@code indexRebuilding} (1 while a rebuild runs)
 * </ul>
 */
public final class IndexMetrics {
    private final Meter queries;

    private IndexMetrics(Meter queries) {
        this.queries = queries;
    }

    public static IndexMetrics register(MetricGroup group, Supplier<IndexStats> stats) {
        return register(group, stats, Clock.systemUTC());
    }

    static IndexMetrics register(MetricGroup group, Supplier<IndexStats> stats, Clock clock) {
        SimpleCounter count = group.counter("indexQueries", new SimpleCounter());
        Meter queries = group.meter("indexQueriesPerSecond", new MeterView(count));
        group.gauge("indexItems", () -> stats.get().items());
        group.gauge("indexVectors", () -> stats.get().vectors());
        group.gauge("indexDeletedNodes", () -> stats.get().deletedNodes());
        group.gauge("indexUnreachableNodes", () -> stats.get().unreachableNodes());
        group.gauge("indexChangesSinceBuild", () -> stats.get().changesSinceBuild());
        group.gauge("indexVersion", () -> stats.get().version());
        group.gauge("indexLastBuildTime", () -> stats.get().builtAtMillis());
        group.gauge(
                "indexAgeMs",
                () -> {
                    long built = stats.get().builtAtMillis();
                    return built <= 0 ? -1L : Math.max(0L, clock.millis() - built);
                });
        group.gauge("indexRebuilding", () -> stats.get().rebuilding() ? 1 : 0);
        return new IndexMetrics(queries);
    }

    /** Counts one index search. */
    public void query() {
        queries.markEvent();
    }
}
