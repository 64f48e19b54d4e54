package io.ladder.jobs;

import static io.ladder.jobs.testing.JobTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.ingest.RejectedRecord;
import io.ladder.jobs.testing.BoundedRecords;
import io.ladder.jobs.testing.CollectingSink;
import io.ladder.jobs.testing.JobTestSupport;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.DeadLetter;
import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job through its injection seam: bounded sources of topic records (decoded by the job's
 * own decoders) and collecting sinks, no broker or Redis. Runs to the end of its input, so what it
 * emits is complete and can be counted exactly.
 */
class RecommendationJobSeamTest {
    static final int USERS = 3;
    static final int EVENTS_PER_USER = 5;

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @Test
    void everyValidDistinctEventCountsOnceAndEveryBadRecordIsADeadLetter() throws Exception {
        List<byte[][]> events = new ArrayList<>();
        for (int i = 0; i < EVENTS_PER_USER; i++) {
            for (int u = 0; u < USERS; u++) {
                UserEvent e =
                        JobFixtures.userEvent(
                                "e" + u + "-" + i,
                                "u" + u,
                                (u % 2 == 0 ? "a" : "b") + i,
                                i == 3 ? EventType.CART : EventType.CLICK,
                                10L * i);
                events.add(new byte[][] {bytes(e.getUserId()), Codecs.USER_EVENT.encode(e)});
            }
        }
        events.add(events.get(4).clone()); // a producer's retry: the same event id again
        int garbage = events.size();
        events.add(new byte[][] {bytes("u0"), new byte[] {1, 2, 3}});
        int invalid = events.size();
        UserEvent noUser = JobFixtures.userEvent("bad", "u0", "a1", EventType.CLICK, 5);
        noUser.setUserId("");
        events.add(new byte[][] {bytes("u0"), Codecs.USER_EVENT.encode(noUser)});

        List<byte[][]> catalog = new ArrayList<>();
        JobTestSupport.catalogRecords("items")
                .forEach(r -> catalog.add(new byte[][] {r.key(), r.value()}));

        JobConfig config =
                JobTestSupport.jobConfig(
                        "localhost:1", "localhost:1", "events", "items", "dead", "seam");
        CollectingSink<CandidateList> lists = new CollectingSink<>("seam-lists");
        CollectingSink<RejectedRecord> deadLetters = new CollectingSink<>("seam-dead");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // One reader, so each user's events arrive in their time order and every one emits its
        // list at once. At parallelism 2 the generator's two splits interleave a user's events
        // out of order; an event older than the user's last list then waits for the list flush,
        // a processing-time timer the end of this bounded input drops (a live job fires it a
        // list interval later), and the last list would not reflect every event.
        env.setParallelism(1);
        new RecommendationJob(
                        config,
                        BoundedRecords.events("events", events),
                        BoundedRecords.catalog("items", catalog),
                        lists,
                        deadLetters)
                .build(env);
        env.execute("seam");

        List<DeadLetter> letters =
                deadLetters.received().stream()
                        .map(r -> Codecs.DEAD_LETTER.decode(r.deadLetter))
                        .toList();
        assertThat(letters)
                .extracting(DeadLetter::getSourceOffset, DeadLetter::getStage)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple((long) garbage, "decode"),
                        org.assertj.core.groups.Tuple.tuple((long) invalid, "validate"));

        Map<String, List<Long>> sequences =
                lists.received().stream()
                        .collect(
                                Collectors.groupingBy(
                                        CandidateList::getUserId,
                                        TreeMap::new,
                                        Collectors.mapping(
                                                CandidateList::getSequence, Collectors.toList())));
        assertThat(sequences).containsOnlyKeys("u0", "u1", "u2");
        for (Map.Entry<String, List<Long>> user : sequences.entrySet()) {
            List<Long> s = user.getValue();
            // the retry counted once: each user's last list reflects exactly its distinct events
            assertThat(s.get(s.size() - 1)).as(user.getKey()).isEqualTo(EVENTS_PER_USER);
            assertThat(s)
                    .as("%s's lists in order", user.getKey())
                    .isSorted()
                    .doesNotHaveDuplicates();
        }
    }
}
