package io.ladder.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.schemas.Item;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Announcements of items first seen in events: once each, capped, retired after their TTL. */
class AnnounceNewItemsTest {
    static final Duration TTL = Duration.ofSeconds(10);

    static EventRecord event(String item, long time) {
        EventRecord e = new EventRecord();
        e.eventId = item + "@" + time;
        e.userId = "u1";
        e.itemId = item;
        e.categoryId = "A";
        e.level = 1;
        e.eventTime = time;
        return e;
    }

    /** The items topic's record of {@code itemId} (a fixture item under another id). */
    static CatalogRecord published(String itemId) {
        return CatalogRecord.item(
                Item.newBuilder(JobFixtures.items().get(0)).setItemId(itemId).build());
    }

    /** A harness of {@code function}, restored from {@code snapshot} if not null. */
    static KeyedTwoInputStreamOperatorTestHarness<String, EventRecord, CatalogRecord, CatalogRecord>
            harness(AnnounceNewItems function, OperatorSubtaskState snapshot) throws Exception {
        var harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(function),
                        (EventRecord e) -> e.itemId,
                        (CatalogRecord r) -> r.itemId,
                        Types.STRING);
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        // The catalogue stream declares itself always caught up, as in the job: event time
        // follows the events alone.
        harness.processWatermark2(new Watermark(Long.MAX_VALUE));
        return harness;
    }

    /** The records emitted since the last call, as "KIND item". */
    static List<String> drain(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, CatalogRecord> h) {
        List<String> out =
                h.extractOutputValues().stream().map(r -> r.kind + " " + r.itemId).toList();
        h.getOutput().clear();
        return out;
    }

    @Test
    void theFirstEventOfAnUnknownItemAnnouncesItOnce() throws Exception {
        AnnounceNewItems function = new AnnounceNewItems(100, TTL);
        try (var harness = harness(function, null)) {
            harness.processElement1(event("x1", 1_000), 1_000);
            harness.processElement1(event("x1", 2_000), 2_000);
            harness.processElement1(event("x2", 3_000), 3_000);
            List<CatalogRecord> out = harness.extractOutputValues();
            assertThat(out)
                    .extracting(r -> r.kind + " " + r.itemId + " " + r.categoryId + " " + r.time)
                    .containsExactly("ANNOUNCED x1 A 1000", "ANNOUNCED x2 A 3000");
            assertThat(function.liveAnnouncedItems()).isEqualTo(2);
        }
    }

    @Test
    void aPublishedItemIsNeverAnnouncedAndAnAnnouncedOneThatIsPublishedLeavesTheCap()
            throws Exception {
        AnnounceNewItems function = new AnnounceNewItems(100, TTL);
        try (var harness = harness(function, null)) {
            harness.processElement2(published("a0"), 0);
            harness.processElement1(event("a0", 1_000), 1_000);
            assertThat(drain(harness)).isEmpty();

            harness.processElement1(event("x1", 1_000), 1_000);
            assertThat(drain(harness)).containsExactly("ANNOUNCED x1");
            harness.processElement2(published("x1"), 2_000);
            assertThat(function.liveAnnouncedItems()).isZero();
            // Its timer fires and finds a published item: nothing is retired.
            harness.processWatermark1(new Watermark(60_000));
            harness.processElement1(event("x1", 61_000), 61_000);
            assertThat(drain(harness)).isEmpty();
        }
    }

    @Test
    void theCapRefusesNewItemsUntilARetirementFreesASlot() throws Exception {
        AnnounceNewItems function = new AnnounceNewItems(2, TTL);
        try (var harness = harness(function, null)) {
            harness.processElement1(event("x1", 0), 0);
            harness.processElement1(event("x2", 0), 0);
            harness.processElement1(event("x3", 0), 0);
            harness.processElement1(event("x3", 1_000), 1_000); // retried, refused again
            assertThat(drain(harness)).containsExactly("ANNOUNCED x1", "ANNOUNCED x2");
            assertThat(function.refusedAnnouncements()).isEqualTo(2);
            assertThat(harness.numKeyedStateEntries())
                    .as("a refused item stores nothing")
                    .isEqualTo(2);

            harness.processElement1(event("x1", 5_000), 5_000); // keeps x1 alive
            harness.processWatermark1(new Watermark(TTL.toMillis()));
            assertThat(drain(harness)).containsExactly("RETIRED x2");
            assertThat(function.liveAnnouncedItems()).isEqualTo(1);

            harness.processElement1(event("x3", 11_000), 11_000);
            harness.processElement1(event("x4", 11_000), 11_000);
            assertThat(drain(harness)).containsExactly("ANNOUNCED x3");
            assertThat(function.refusedAnnouncements()).isEqualTo(3);
        }
    }

    @Test
    void anItemUnseenForTheTtlIsRetiredAndAnEventBeforeItPushesTheRetirementBack()
            throws Exception {
        AnnounceNewItems function = new AnnounceNewItems(100, TTL);
        try (var harness = harness(function, null)) {
            harness.processElement1(event("x1", 0), 0);
            harness.processElement1(event("x1", 6_000), 6_000);
            drain(harness);
            harness.processWatermark1(new Watermark(10_000));
            assertThat(drain(harness)).isEmpty();
            harness.processWatermark1(new Watermark(15_999));
            assertThat(drain(harness)).isEmpty();
            harness.processWatermark1(new Watermark(16_000));
            List<CatalogRecord> out = harness.extractOutputValues();
            assertThat(out)
                    .extracting(r -> r.kind + " " + r.itemId + " " + r.time)
                    .containsExactly("RETIRED x1 16000");
            assertThat(function.liveAnnouncedItems()).isZero();
            assertThat(harness.numKeyedStateEntries()).isZero();
            harness.getOutput().clear();

            // Named again after its retirement: announced again.
            harness.processElement1(event("x1", 20_000), 20_000);
            assertThat(drain(harness)).containsExactly("ANNOUNCED x1");
        }
    }

    @Test
    void aRestoreKeepsTheCountTheItemsAndTheirTimers() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness(new AnnounceNewItems(2, TTL), null)) {
            harness.processElement2(published("a0"), 0);
            harness.processElement1(event("x1", 0), 0);
            harness.processElement1(event("x2", 5_000), 5_000);
            assertThat(drain(harness)).containsExactly("ANNOUNCED x1", "ANNOUNCED x2");
            snapshot = harness.snapshot(1, 1);
        }

        AnnounceNewItems restored = new AnnounceNewItems(2, TTL);
        try (var harness = harness(restored, snapshot)) {
            assertThat(restored.liveAnnouncedItems()).isEqualTo(2);
            harness.processElement1(event("x1", 6_000), 6_000);
            harness.processElement1(event("a0", 6_000), 6_000);
            harness.processElement1(event("x3", 6_000), 6_000); // the cap still holds
            assertThat(drain(harness)).isEmpty();
            assertThat(restored.refusedAnnouncements()).isEqualTo(1);

            harness.processWatermark1(new Watermark(15_000));
            assertThat(drain(harness)).containsExactly("RETIRED x2");
            harness.processElement1(event("x3", 15_001), 15_001);
            harness.processWatermark1(new Watermark(16_000));
            assertThat(drain(harness)).containsExactly("ANNOUNCED x3", "RETIRED x1");
        }
    }
}
