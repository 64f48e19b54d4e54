package io.ladder.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.config.CoEngagementSettings;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.neighbours.PairUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Item-keyed neighbour counting: broadcasts, the cap on counted items, and the expiry. */
class ItemNeighboursFunctionTest {
    static final Duration TTL = Duration.ofSeconds(10);

    static KeyedOneInputStreamOperatorTestHarness<String, PairUpdate, CatalogRecord> harness(
            int maxItems) throws Exception {
        CoEngagementSettings settings =
                new CoEngagementSettings(true, 20, 2, 4, maxItems, TTL, Duration.ofDays(1), 0.6);
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ItemNeighboursFunction(settings)),
                        (PairUpdate u) -> u.itemId,
                        Types.STRING);
        harness.open();
        return harness;
    }

    static void pair(
            KeyedOneInputStreamOperatorTestHarness<String, PairUpdate, CatalogRecord> h,
            String item,
            long time,
            String... neighbours)
            throws Exception {
        h.processElement(new StreamRecord<>(new PairUpdate(item, neighbours, time), time));
    }

    /** The records emitted since the last call, as "item: neighbours". */
    static List<String> drain(
            KeyedOneInputStreamOperatorTestHarness<String, PairUpdate, CatalogRecord> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof CatalogRecord c) {
                assertThat(c.kind).isEqualTo(CatalogRecord.Kind.NEIGHBOURS);
                out.add(
                        c.itemId
                                + ": "
                                + (c.neighbours == null
                                        ? "none"
                                        : String.join(",", c.neighbours.ids)));
            }
        }
        h.getOutput().clear();
        return out;
    }

    @Test
    void anItemsStrongestNeighboursAreBroadcastAfterItsFirstSecondAndFourthPair() throws Exception {
        var h = harness(100);
        pair(h, "a", 1, "b");
        pair(h, "a", 2, "c", "b");
        pair(h, "a", 3, "c");
        pair(h, "a", 4, "c", "d");
        assertThat(drain(h)).containsExactly("a: b", "a: b,c", "a: c,b");
    }

    @Test
    void pastTheCapANewItemIsNotCountedAndAnExpiredOneFreesItsPlace() throws Exception {
        var h = harness(1);
        pair(h, "a", 1, "b");
        pair(h, "x", 2, "b"); // over the cap: nothing stored, nothing broadcast
        assertThat(drain(h)).containsExactly("a: b");
        assertThat(h.numKeyedStateEntries()).isEqualTo(2); // a's count and header only

        pair(h, "a", 5_000, "b"); // seen again: its expiry moves with it
        assertThat(drain(h)).containsExactly("a: b"); // its second pair
        h.processWatermark(new Watermark(10_001));
        assertThat(drain(h)).isEmpty(); // its first timer finds it seen since, and waits on
        h.processWatermark(new Watermark(15_000));
        assertThat(drain(h)).containsExactly("a: none"); // forgotten on every subtask too
        assertThat(h.numKeyedStateEntries()).isZero();

        pair(h, "x", 15_001, "b");
        assertThat(drain(h)).containsExactly("x: b");
    }

    @Test
    void belowHalfTheCapAnItemUnpairedForTheTtlKeepsItsNeighbours() throws Exception {
        var h = harness(100);
        pair(h, "a", 1, "b");
        assertThat(drain(h)).containsExactly("a: b");
        h.processWatermark(new Watermark(100_000)); // ten TTLs without a pair
        assertThat(drain(h)).isEmpty();
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        pair(h, "a", 100_001, "c");
        assertThat(drain(h)).containsExactly("a: b,c");
    }

    /**
     * The end of a bounded input (a replay, a test) raises the watermark to Long.MAX_VALUE; a kept
     * item's timer must then end rather than re-arm itself where it fires again at once (it did:
     * the seam test and CI hung). The timeout only turns that hang into a failure.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theEndOfInputEndsAKeptItemsTimerInsteadOfLooping() throws Exception {
        var h = harness(100);
        pair(h, "a", 1, "b");
        h.processWatermark(new Watermark(100_000)); // a jump of ten TTLs: one look, not ten
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(drain(h)).containsExactly("a: b"); // kept, never forgotten
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
    }
}
