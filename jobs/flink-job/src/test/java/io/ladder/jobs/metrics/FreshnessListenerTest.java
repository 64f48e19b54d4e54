package io.ladder.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.schemas.CandidateList;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.metrics.groups.GenericMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.junit.jupiter.api.Test;

class FreshnessListenerTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void measuresFromKafkaAppendTimeToTheAcknowledgementOfStoredListsOnly() {
        Map<String, Metric> metrics = new HashMap<>();
        FreshnessListener listener = new FreshnessListener(Clock.fixed(NOW, ZoneOffset.UTC));
        listener.open(group(metrics));

        listener.acknowledged(list(NOW.minusMillis(120)), true);
        listener.acknowledged(list(NOW.minusMillis(80)), true);
        listener.acknowledged(list(NOW.minusMillis(5_000)), false); // replay: never visible
        listener.acknowledged(list(Instant.EPOCH), true); // unknown source time

        assertThat(listener.histogram().getCount()).isEqualTo(2);
        assertThat(listener.histogram().getStatistics().getMax()).isEqualTo(120);
        assertThat(listener.histogram().getStatistics().getMin()).isEqualTo(80);
        assertThat(((Counter) metrics.get("listsAcknowledged")).getCount()).isEqualTo(3);
        assertThat(((Counter) metrics.get("listsWithoutSourceTime")).getCount()).isEqualTo(1);
        assertThat(((Gauge<?>) metrics.get("freshnessLastMs")).getValue()).isEqualTo(80L);
        assertThat(metrics).containsKeys("freshnessMs", "listsAcknowledgedPerSecond");
        assertThat(((Counter) metrics.get("freshnessLe50Ms")).getCount()).isZero();
        assertThat(((Counter) metrics.get("freshnessLe100Ms")).getCount()).isEqualTo(1);
        assertThat(((Counter) metrics.get("freshnessLe250Ms")).getCount()).isEqualTo(2);
        assertThat(((Counter) metrics.get("freshnessLe60000Ms")).getCount()).isEqualTo(2);
    }

    static CandidateList list(Instant sourceTime) {
        return CandidateList.newBuilder()
                .setUserId("u1")
                .setCandidates(List.of())
                .setModelVersion("")
                .setGeneratedTime(NOW)
                .setAsOf(NOW)
                .setSequence(1)
                .setSourceTime(sourceTime)
                .build();
    }

    static GenericMetricGroup group(Map<String, Metric> into) {
        TestingMetricRegistry registry =
                TestingMetricRegistry.builder()
                        .setRegisterConsumer((metric, name, group) -> into.put(name, metric))
                        .build();
        return new GenericMetricGroup(registry, null, "test");
    }
}
