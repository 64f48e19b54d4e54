package io.ladder.jobs.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.ingest.EventRecord;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class DeduplicateEventsFunctionTest {
    static final Duration TTL = Duration.ofHours(1);
    static final int MAX_IDS = 10;

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
                new DeduplicateEventsFunction(ttl, MAX_IDS), e -> e.userId, Types.STRING);
    }

    /** A harness of {@code function}, restored from {@code snapshot}. */
    static KeyedOneInputStreamOperatorTestHarness<String, EventRecord, EventRecord> restored(
            KeyedProcessFunction<String, EventRecord, EventRecord> function,
            OperatorSubtaskState snapshot)
            throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(function),
                        (EventRecord e) -> e.userId,
                        Types.STRING);
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        return harness;
    }

    /** Ids {@code user} has in both generations (map entries, which the harness does not count). */
    static int rememberedIds(
            KeyedOneInputStreamOperatorTestHarness<String, EventRecord, EventRecord> harness,
            String user)
            throws Exception {
        AbstractStreamOperator<EventRecord> operator = harness.getOperator();
        operator.setCurrentKey(user);
        int n = 0;
        for (String name :
                List.of(
                        DeduplicateEventsFunction.SEEN_IDS,
                        DeduplicateEventsFunction.SEEN_IDS_SECOND)) {
            MapState<String, Boolean> ids =
                    operator.getPartitionedState(
                            VoidNamespace.INSTANCE,
                            VoidNamespaceSerializer.INSTANCE,
                            DeduplicateEventsFunction.seenIdsDescriptor(name, TTL));
            for (String ignored : ids.keys()) {
                n++;
            }
        }
        return n;
    }

    /** Sends ids prefix0..prefix(n-1) for {@code user}; returns how many passed. */
    static int send(
            KeyedOneInputStreamOperatorTestHarness<String, EventRecord, EventRecord> harness,
            String prefix,
            int from,
            int to,
            String user)
            throws Exception {
        int before = harness.extractOutputValues().size();
        for (int i = from; i < to; i++) {
            harness.processElement(event(prefix + i, user), 1_000 + i);
        }
        return harness.extractOutputValues().size() - before;
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
            // One user: an entry in the current generation's map and in the generation record.
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
            harness.setStateTtlProcessingTime(Duration.ofMinutes(11).toMillis());
            // Past the TTL the id is gone: a very late copy is treated as new (the bound's price).
            harness.processElement(event("e1", "u1"), 2_000);
            assertThat(harness.extractOutputValues()).hasSize(2);
        }
    }

    @Test
    void oneUserSendingManyDistinctIdsKeepsAtMostTheMaxAndTheirLatestHalf() throws Exception {
        try (var harness = harness(TTL)) {
            for (int sent = 0; sent < 10 * MAX_IDS; sent++) {
                assertThat(send(harness, "e", sent, sent + 1, "u1")).isEqualTo(1);
                assertThat(rememberedIds(harness, "u1")).isLessThanOrEqualTo(MAX_IDS);
            }
            // The most recent max / 2 ids are still duplicates...
            assertThat(send(harness, "e", 10 * MAX_IDS - MAX_IDS / 2, 10 * MAX_IDS, "u1")).isZero();
            // ... and the oldest are forgotten: a copy that late passes (the bound's price).
            assertThat(send(harness, "e", 0, 1, "u1")).isEqualTo(1);
            // Another user's ids are their own.
            assertThat(send(harness, "e", 0, 1, "u2")).isEqualTo(1);
        }
    }

    @Test
    void aRestoredSnapshotStillDeduplicatesAndStaysBounded() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness(TTL)) {
            send(harness, "e", 0, 13, "u1"); // two rotations in: e10..e12 current, e5..e9 other
            snapshot = harness.snapshot(1, 1);
        }
        try (var harness = restored(new DeduplicateEventsFunction(TTL, MAX_IDS), snapshot)) {
            assertThat(send(harness, "e", 5, 13, "u1")).isZero();
            assertThat(send(harness, "e", 13, 50, "u1")).isEqualTo(37);
            assertThat(rememberedIds(harness, "u1")).isLessThanOrEqualTo(MAX_IDS);
            assertThat(send(harness, "e", 45, 50, "u1")).isZero();
        }
    }

    /**
     * The function as released before the size bound: the one map {@code seen-event-ids}, with the
     * same TTL settings, copied here so a change to the descriptor cannot hide from this test.
     */
    static final class ReleasedDeduplicate
            extends KeyedProcessFunction<String, EventRecord, EventRecord> {
        private transient MapState<String, Boolean> seen;

        @Override
        public void open(OpenContext openContext) {
            MapStateDescriptor<String, Boolean> descriptor =
                    new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
            descriptor.enableTimeToLive(
                    StateTtlConfig.newBuilder(TTL)
                            .updateTtlOnCreateAndWrite()
                            .neverReturnExpired()
                            .cleanupIncrementally(10, false)
                            .cleanupInRocksdbCompactFilter(1000)
                            .build());
            seen = getRuntimeContext().getMapState(descriptor);
        }

        @Override
        public void processElement(EventRecord event, Context ctx, Collector<EventRecord> out)
                throws Exception {
            if (!seen.contains(event.eventId)) {
                seen.put(event.eventId, Boolean.TRUE);
                out.collect(event);
            }
        }
    }

    @Test
    void idsInStateOfTheReleaseBeforeTheBoundAreStillDuplicates() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = restored(new ReleasedDeduplicate(), null)) {
            send(harness, "old", 0, 3 * MAX_IDS, "u1"); // unbounded then: 30 ids
            snapshot = harness.snapshot(1, 1);
        }
        try (var harness = restored(new DeduplicateEventsFunction(TTL, MAX_IDS), snapshot)) {
            assertThat(send(harness, "old", 0, 3 * MAX_IDS, "u1")).isZero();
            assertThat(rememberedIds(harness, "u1")).isEqualTo(3 * MAX_IDS);
            // The old ids stay duplicates until the generation holding them rotates out, two
            // rotations (max new ids) later; then the user is within the bound.
            assertThat(send(harness, "new", 0, MAX_IDS / 2, "u1")).isEqualTo(MAX_IDS / 2);
            assertThat(send(harness, "old", 0, 3 * MAX_IDS, "u1")).isZero();
            send(harness, "new", MAX_IDS / 2, MAX_IDS + 1, "u1");
            assertThat(rememberedIds(harness, "u1")).isLessThanOrEqualTo(MAX_IDS);
        }
    }
}
