package io.ladder.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.index.IndexStats;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.junit.jupiter.api.Test;

class IndexMetricsTest {
    @Test
    void gaugesFollowTheIndexAndQueriesAreCounted() {
        Map<String, Metric> metrics = new HashMap<>();
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        AtomicReference<IndexStats> stats =
                new AtomicReference<>(new IndexStats(10, 9, 9, 0, 0, 0, 16, 1, 0, 0, false));
        IndexMetrics index =
                IndexMetrics.register(
                        FreshnessListenerTest.group(metrics),
                        stats::get,
                        Clock.fixed(now, ZoneOffset.UTC));

        assertThat(gauge(metrics, "indexAgeMs")).isEqualTo(-1L); // never built
        stats.set(
                new IndexStats(
                        100,
                        90,
                        88,
                        2,
                        1,
                        4,
                        128,
                        3,
                        now.minusSeconds(30).toEpochMilli(),
                        5,
                        true));
        index.query();
        index.query();

        assertThat(((Counter) metrics.get("indexQueries")).getCount()).isEqualTo(2);
        assertThat(metrics).containsKey("indexQueriesPerSecond");
        assertThat(gauge(metrics, "indexItems")).isEqualTo(100);
        assertThat(gauge(metrics, "indexVectors")).isEqualTo(90);
        assertThat(gauge(metrics, "indexDeletedNodes")).isEqualTo(2);
        assertThat(gauge(metrics, "indexUnreachableNodes")).isEqualTo(4);
        assertThat(gauge(metrics, "indexChangesSinceBuild")).isEqualTo(5L);
        assertThat(gauge(metrics, "indexVersion")).isEqualTo(3L);
        assertThat(gauge(metrics, "indexLastBuildTime"))
                .isEqualTo(now.minusSeconds(30).toEpochMilli());
        assertThat(gauge(metrics, "indexAgeMs")).isEqualTo(30_000L);
        assertThat(gauge(metrics, "indexRebuilding")).isEqualTo(1);
    }

    static Object gauge(Map<String, Metric> metrics, String name) {
        return ((Gauge<?>) metrics.get(name)).getValue();
    }
}
