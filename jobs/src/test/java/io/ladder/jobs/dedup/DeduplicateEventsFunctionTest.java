package io.ladder.jobs.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.ingest.EventRecord;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DeduplicateEventsFunctionTest {
    static EventRecord event(String id, String user) {
        EventRecord e = new EventRecord();
        e.eventId = id;
        e.userId = user;
        e.itemId = "item";
        e.level = 1;
        e.eventTime = 1_000;
        return e;
    }

    static KeyedOneInputStreamOperatorTestHarness<String, EventRecord, EventRecord> harness(
            Duration ttl) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new DeduplicateEventsFunction(ttl), e -> e.userId, Types.STRING);
    }

    @Test
    void aRetriedEventIdPassesOnceAndGenuineEventsAllPass() throws Exception {
        try (var harness = harness(Duration.ofHours(1))) {
            harness.processElement(event("e1", "u1"), 1_000);
            harness.processElement(event("e1", "u1"), 1_001); // producer retry
            harness.processElement(event("e2", "u1"), 1_002);
            harness.processElement(event("e1", "u2"), 1_003); // same id, other user's key
            assertThat(harness.extractOutputValues())
                    .extracting(e -> e.eventId + "/" + e.userId)
                    .containsExactly("e1/u1", "e2/u1", "e1/u2");
        }
    }

    @Test
    void seenIdsExpireAfterTheirTtlSoStateStaysBounded() throws Exception {
        try (var harness = harness(Duration.ofMinutes(10))) {
            harness.setStateTtlProcessingTime(0);
            harness.processElement(event("e1", "u1"), 1_000);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
            harness.setStateTtlProcessingTime(Duration.ofMinutes(11).toMillis());
            // Past the TTL the id is gone: a very late copy is treated as new (the bound's price).
            harness.processElement(event("e1", "u1"), 2_000);
            assertThat(harness.extractOutputValues()).hasSize(2);
        }
    }
}
