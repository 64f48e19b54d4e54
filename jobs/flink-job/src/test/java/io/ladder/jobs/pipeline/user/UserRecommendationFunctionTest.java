package io.ladder.jobs.pipeline.user;

import static io.ladder.jobs.fixtures.JobFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.pipeline.CatalogState;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.CandidateSource;
import io.ladder.schemas.EventType;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class UserRecommendationFunctionTest {
    static final long T0 = JobFixtures.T0.toEpochMilli();

    static KeyedBroadcastOperatorTestHarness<String, EventRecord, CatalogRecord, CandidateList>
            harness(String... options) throws Exception {
        var harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new UserRecommendationFunction(JobFixtures.config(options)),
                        (EventRecord e) -> e.userId,
                        Types.STRING,
                        CatalogState.all());
        for (CatalogRecord record : JobFixtures.catalogRecords()) {
            harness.processBroadcastElement(record, 0);
        }
        return harness;
    }

    /** Entries in the heap keyed backend the harness uses (both the model state and emission). */
    static int keyedStateEntries(
            KeyedBroadcastOperatorTestHarness<String, EventRecord, CatalogRecord, CandidateList>
                    h) {
        return ((HeapKeyedStateBackend<?>) h.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    static void send(
            KeyedBroadcastOperatorTestHarness<String, EventRecord, CatalogRecord, CandidateList> h,
            EventRecord e)
            throws Exception {
        h.processElement(e, e.eventTime);
    }

    @Test
    void closingTheFunctionStopsItsItemIndexThreads() throws Exception {
        java.util.Set<Thread> before = indexThreads();
        var h = harness();
        send(h, event("e1", "u1", "a1", EventType.CLICK, 0)); // builds the index: its threads start
        java.util.Set<Thread> started = indexThreads();
        started.removeAll(before);
        assertThat(started).isNotEmpty();
        h.close();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (started.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(started).noneMatch(Thread::isAlive);
    }

    /** Live threads of HnswItemIndex's pools. */
    static java.util.Set<Thread> indexThreads() {
        java.util.Set<Thread> out = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("ladder-index-")) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void firstEventEmitsAListWithSequenceAndAsOfAndTheItemAsRecentCandidate() throws Exception {
        try (var h = harness()) {
            send(h, event("e1", "u1", "a1", EventType.CLICK, 0));
            List<CandidateList> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            CandidateList list = out.get(0);
            assertThat(list.getUserId()).isEqualTo("u1");
            assertThat(list.getSequence()).isEqualTo(1);
            assertThat(list.getAsOf().toEpochMilli()).isEqualTo(T0);
            assertThat(list.getModelVersion()).isEqualTo(JobFixtures.VERSION);
            assertThat(list.getCandidates().get(0).getItemId()).isEqualTo("a1");
            assertThat(list.getCandidates().get(0).getSource()).isEqualTo(CandidateSource.RECENT);
        }
    }

    @Test
    void aBurstIsCoalescedIntoOneListFlushedAfterTheIntervalOfProcessingTime() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(1_000);
            send(h, event("e1", "u1", "a1", EventType.CLICK, 0));
            send(h, event("e2", "u1", "a2", EventType.CLICK, 2));
            send(h, event("e3", "u1", "a3", EventType.CART, 4));
            assertThat(h.extractOutputValues()).hasSize(1); // only the leading edge so far
            // No watermark moves (a quiet stream): the flush still comes, in processing time.
            h.setProcessingTime(1_000 + 10_000);
            List<CandidateList> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(1).getSequence()).isEqualTo(3);
            assertThat(out.get(1).getCandidates())
                    .extracting(Candidate::getItemId)
                    .contains("a1", "a2", "a3");
        }
    }

    @Test
    void inReplayModeTheBurstIsFlushedWhenTheWatermarkPassesTheInterval() throws Exception {
        try (var h = harness("--replay", "true")) {
            send(h, event("e1", "u1", "a1", EventType.CLICK, 0));
            send(h, event("e2", "u1", "a2", EventType.CLICK, 2));
            h.setProcessingTime(Long.MAX_VALUE / 2); // processing time plays no part in replay
            assertThat(h.extractOutputValues()).hasSize(1);
            h.processBroadcastWatermark(new Watermark(Long.MAX_VALUE));
            h.processWatermark(new Watermark(T0 + 10_000));
            List<CandidateList> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(1).getSequence()).isEqualTo(2);
        }
    }

    @Test
    void aPurchaseEmitsAtOnceAndRanksTheBoughtItemBelowTheOthers() throws Exception {
        try (var h = harness()) {
            send(h, event("e1", "u1", "a1", EventType.CLICK, 0));
            send(h, event("e2", "u1", "a2", EventType.CLICK, 1));
            send(h, event("e3", "u1", "a1", EventType.PURCHASE, 2));
            List<CandidateList> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(1).getSequence()).isEqualTo(3);
            // a1 is the newest and the highest level, yet the purchased weight puts it after a2.
            assertThat(out.get(1).getCandidates())
                    .extracting(Candidate::getItemId)
                    .startsWith("a2", "a1");
        }
    }

    @Test
    void withDropPurchasedTheBoughtItemLeavesTheList() throws Exception {
        try (var h = harness("--retrieval.drop-purchased", "true")) {
            send(h, event("e1", "u1", "a1", EventType.CLICK, 0));
            send(h, event("e2", "u1", "a2", EventType.CLICK, 1));
            send(h, event("e3", "u1", "a1", EventType.PURCHASE, 2));
            List<CandidateList> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(1).getCandidates())
                    .extracting(Candidate::getItemId)
                    .doesNotContain("a1")
                    .contains("a2");
        }
    }

    @Test
    void lateEventsStillUpdateTheUser() throws Exception {
        try (var h = harness()) {
            h.processBroadcastWatermark(new Watermark(Long.MAX_VALUE));
            h.processWatermark(new Watermark(T0 + 60_000));
            send(h, event("e1", "u1", "a1", EventType.CLICK, 0)); // behind the watermark
            send(h, event("e2", "u1", "a2", EventType.PURCHASE, 1));
            List<CandidateList> out = h.extractOutputValues();
            assertThat(out).isNotEmpty();
            assertThat(out.get(out.size() - 1).getSequence()).isEqualTo(2);
        }
    }

    @Test
    void inactiveUsersAreDroppedAfterTheInactivityTtl() throws Exception {
        try (var h = harness("--user.inactivity-ttl", "1h")) {
            send(h, event("e1", "u1", "a1", EventType.CLICK, 0));
            assertThat(keyedStateEntries(h)).isGreaterThan(0);
            h.processBroadcastWatermark(new Watermark(Long.MAX_VALUE));
            h.processWatermark(new Watermark(T0 + 3_600_000 + 1));
            assertThat(keyedStateEntries(h)).isZero();
            // A returning user starts over.
            send(h, event("e2", "u1", "a2", EventType.CLICK, 7_200));
            List<CandidateList> out = h.extractOutputValues();
            assertThat(out.get(out.size() - 1).getSequence()).isEqualTo(1);
        }
    }

    @Test
    void activeUsersOutliveTheTtlOfTheirFirstEvent() throws Exception {
        try (var h = harness("--user.inactivity-ttl", "1h")) {
            send(h, event("e1", "u1", "a1", EventType.CLICK, 0));
            send(h, event("e2", "u1", "a2", EventType.CLICK, 3_000));
            h.processBroadcastWatermark(new Watermark(Long.MAX_VALUE));
            h.processWatermark(new Watermark(T0 + 3_600_000 + 1));
            assertThat(keyedStateEntries(h)).isGreaterThan(0);
            send(h, event("e3", "u1", "a3", EventType.PURCHASE, 3_700));
            List<CandidateList> out = h.extractOutputValues();
            assertThat(out.get(out.size() - 1).getSequence()).isEqualTo(3);
        }
    }

    @Test
    void unknownItemsArePlacedByTheirCategoryAndColdUsersGetTrendingItems() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < 5; i++) {
                send(h, event("p" + i, "other" + i, "b" + i, EventType.PURCHASE, i));
            }
            send(h, event("n1", "u1", "new-item", EventType.CLICK, 10));
            CandidateList list = h.extractOutputValues().get(h.extractOutputValues().size() - 1);
            assertThat(list.getUserId()).isEqualTo("u1");
            assertThat(list.getCandidates().get(0).getItemId()).isEqualTo("new-item");
            assertThat(list.getCandidates())
                    .extracting(Candidate::getSource)
                    .contains(CandidateSource.TRENDING);
        }
    }

    @Test
    void aUserWithTwoPlantedInterestsGetsCandidatesFromBothInOneList() throws Exception {
        try (var h = harness()) {
            long t = 0;
            for (String item : List.of("a0", "b0", "a1", "b1", "a2", "b2")) {
                send(h, event("e-" + item, "u1", item, EventType.CART, t += 60));
            }
            send(h, event("e-buy", "u1", "a3", EventType.PURCHASE, t + 60));
            CandidateList list = h.extractOutputValues().get(h.extractOutputValues().size() - 1);
            List<Candidate> retrieved =
                    list.getCandidates().stream()
                            .filter(c -> c.getSource() == CandidateSource.INTEREST)
                            .toList();
            assertThat(retrieved.stream().map(Candidate::getInterest).distinct().count())
                    .isGreaterThanOrEqualTo(2);
            // Items the user never touched, from both tastes, retrieved by their own interests.
            assertThat(retrieved)
                    .extracting(Candidate::getItemId)
                    .anyMatch(
                            id ->
                                    id.startsWith("a")
                                            && !List.of("a0", "a1", "a2", "a3").contains(id))
                    .anyMatch(id -> id.startsWith("b") && !List.of("b0", "b1", "b2").contains(id));
            // The bought item, the newest, comes right after the touched items not yet bought.
            assertThat(list.getCandidates())
                    .extracting(Candidate::getItemId)
                    .startsWith("b2", "a2", "b1", "a1", "b0", "a0", "a3");
        }
    }

    /**
     * A valid event whose processing breaks (here an item vector that slipped past validation, as a
     * bug would let it: NaN scores the serving contract refuses) is a dead letter with stage
     * process; the user's sequence and state are exactly as before it, and the next event goes on.
     */
    @Test
    void aValidEventWhoseProcessingThrowsIsDeadLetteredAndLeavesTheUserAsBefore() throws Exception {
        // No re-query by drift: the third list re-scores the first one's candidates.
        try (var h = harness("--list.min-interval", "1ms", "--retrieval.requery-drift", "1")) {
            send(h, event("e1", "u1", "a1", EventType.CLICK, 0));
            CatalogRecord broken = CatalogRecord.item(JobFixtures.items().get(0));
            broken.itemId = "broken";
            broken.vector = new float[broken.vector.length];
            java.util.Arrays.fill(broken.vector, Float.NaN);
            h.processBroadcastElement(broken, 0);
            EventRecord bad = event("e2", "u1", "broken", EventType.CART, 1);
            bad.sourcePartition = 3;
            bad.sourceOffset = 41;
            send(h, bad);
            send(h, event("e3", "u1", "a2", EventType.CLICK, 2));

            List<CandidateList> lists = h.extractOutputValues();
            assertThat(lists).extracting(CandidateList::getSequence).containsExactly(1L, 2L);
            // The failed event left no trace in the user's own items (trending counts are the
            // subtask's, not the user's, and may still show it).
            assertThat(lists.get(1).getCandidates())
                    .filteredOn(c -> c.getSource() == CandidateSource.RECENT)
                    .extracting(Candidate::getItemId)
                    .containsExactlyInAnyOrder("a1", "a2");
            // Two failures: the index refused the NaN item when it was applied (a catalogue dead
            // letter: the other items serve on), then the event that touched it.
            var dead =
                    h.getSideOutput(UserRecommendationFunction.PROCESS_FAILURES).stream()
                            .map(
                                    r ->
                                            io.ladder.schemas.codec.Codecs.DEAD_LETTER.decode(
                                                    r.getValue().deadLetter))
                            .toList();
            assertThat(dead).hasSize(2);
            assertThat(dead.get(0).getStage()).isEqualTo("process");
            assertThat(new String(dead.get(0).getOriginalKey().array())).isEqualTo("broken");
            var letter = dead.get(1);
            assertThat(letter.getStage()).isEqualTo("process");
            assertThat(letter.getSourcePartition()).isEqualTo(3);
            assertThat(letter.getSourceOffset()).isEqualTo(41L);
            assertThat(letter.getReason()).contains("non-finite");
            assertThat(
                            io.ladder.schemas.codec.Codecs.USER_EVENT
                                    .decode(letter.getOriginal().array())
                                    .getEventId())
                    .isEqualTo("e2");
        }
    }
}
