package io.ladder.jobs;

import static io.ladder.jobs.fixtures.JobFixtures.userEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.testing.JobTestSupport;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.store.StoredCandidates;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.testing.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rescale check: the job stopped with a savepoint at parallelism 1, restored at 2, stopped
 * again and restored at 1 (RocksDB, incremental checkpoints, max parallelism 128 as in
 * deploy/flink/config.yaml). Every user's state and list survive each step, the way Flink's own
 * end-to-end tests check exactly-once: per-user sequences advance by exactly one per new event (the
 * emission state moved with its key group), the list still holds items from before the rescale (the
 * user-model state moved), and a producer retry of an event seen before the rescale changes nothing
 * (the dedup state moved).
 */
class RecommendationJobRescaleITCase {
    static final String EVENTS = "rescale.events";
    static final String ITEMS = "rescale.items";
    static final String DEAD = "rescale.dead-letters";
    static final int USERS = 40;
    static final int MAX_PARALLELISM = 128;
    static final Path CHECKPOINTS = JobTestSupport.checkpointDir("rescale-it-checkpoints");

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobTestSupport.rocksDbMiniCluster(2, CHECKPOINTS);

    @BeforeAll
    static void topics() {
        KAFKA.createTopic(EVENTS, 4);
        KAFKA.createTopic(ITEMS, 1, Map.of("cleanup.policy", "compact"));
        KAFKA.createTopic(DEAD, 1);
        KAFKA.produce(JobTestSupport.catalogRecords(ITEMS));
    }

    static JobConfig config() {
        return JobTestSupport.jobConfig(
                KAFKA.bootstrapServers(),
                REDIS.address(),
                EVENTS,
                ITEMS,
                DEAD,
                "rescale-it",
                "--kafka.starting-offsets",
                "earliest");
    }

    static JobClient start(JobConfig config, int parallelism, String savepoint) throws Exception {
        return JobTestSupport.startJob(
                config, parallelism, savepoint, "rescale-it-p" + parallelism);
    }

    @Test
    void everyUsersStateAndListSurviveRescalingFromOneToTwoAndBack() throws Exception {
        JobConfig config = config();
        Path savepoints = Files.createDirectories(CHECKPOINTS.resolve("savepoints"));
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        config.redis().connection(), CandidateKeys.withDefaultPrefix())) {
            // parallelism 1: three events per user
            JobClient job = start(config, 1, null);
            List<UserEvent> first = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                for (int i = 0; i < 3; i++) {
                    first.add(event(u, "p1-" + i, item(u + i), EventType.CLICK, i));
                }
            }
            send(first);
            Map<String, StoredCandidates> before = awaitSequences(store, 3);
            for (int u = 0; u < USERS; u++) {
                assertThat(ids(before.get(user(u)))).contains(item(u), item(u + 1), item(u + 2));
            }

            // parallelism 2: one new event per user, plus a retry of an event seen at p=1
            job = rescale(job, config, 2, savepoints);
            List<UserEvent> second = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                second.add(event(u, "p2-0", item(u + 3), EventType.CART, 3));
                second.add(event(u, "p1-1", item(u + 1), EventType.CLICK, 1)); // retry
            }
            send(second);
            Map<String, StoredCandidates> afterUp = awaitSequences(store, 4);
            for (int u = 0; u < USERS; u++) {
                assertThat(ids(afterUp.get(user(u))))
                        .as("user %d after 1 -> 2", u)
                        .contains(item(u), item(u + 1), item(u + 2), item(u + 3));
            }

            // back to parallelism 1: a purchase per user, plus a retry of the p=2 event
            job = rescale(job, config, 1, savepoints);
            List<UserEvent> third = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                third.add(event(u, "p3-0", item(u), EventType.PURCHASE, 4));
                third.add(event(u, "p2-0", item(u + 3), EventType.CART, 3)); // retry
            }
            send(third);
            Map<String, StoredCandidates> afterDown = awaitSequences(store, 5);
            for (int u = 0; u < USERS; u++) {
                // Bought: the model state knows it and ranks it after the items not bought.
                assertThat(ids(afterDown.get(user(u))))
                        .as("user %d after 2 -> 1", u)
                        .containsSubsequence(item(u + 3), item(u))
                        .containsSubsequence(item(u + 2), item(u))
                        .containsSubsequence(item(u + 1), item(u));
            }
            Thread.sleep(1_000); // retries must not move any sequence past 5
            for (int u = 0; u < USERS; u++) {
                assertThat(store.topN(user(u), 100).orElseThrow().sequence())
                        .as("user %d", u)
                        .isEqualTo(5);
            }
            job.cancel().get();
        }
    }

    static JobClient rescale(JobClient job, JobConfig config, int parallelism, Path savepoints)
            throws Exception {
        String savepoint =
                job.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        return start(config, parallelism, savepoint);
    }

    /** Waits until every user's list has {@code sequence}; fails if one goes past it. */
    static Map<String, StoredCandidates> awaitSequences(RedisCandidateStore store, long sequence)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, StoredCandidates> lists = new HashMap<>();
        while (true) {
            for (int u = 0; u < USERS; u++) {
                Optional<StoredCandidates> list = store.topN(user(u), 100);
                if (list.isPresent()) {
                    assertThat(list.get().sequence())
                            .as("sequence of user %d never skips past %d", u, sequence)
                            .isLessThanOrEqualTo(sequence);
                    lists.put(user(u), list.get());
                }
            }
            if (lists.size() == USERS
                    && lists.values().stream().allMatch(l -> l.sequence() == sequence)) {
                return lists;
            }
            assertThat(System.nanoTime())
                    .as("every user at sequence %d; now %s", sequence, sequences(lists))
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static Map<String, Long> sequences(Map<String, StoredCandidates> lists) {
        Map<String, Long> out = new java.util.TreeMap<>();
        lists.forEach((u, l) -> out.put(u, l.sequence()));
        return out;
    }

    static List<String> ids(StoredCandidates list) {
        return list.candidates().stream().map(Candidate::getItemId).toList();
    }

    static String user(int u) {
        return "r" + u;
    }

    /** One of the fixture catalogue's 20 items (a0..a9, b0..b9). */
    static String item(int i) {
        int k = Math.floorMod(i, 20);
        return (k < 10 ? "a" : "b") + (k % 10);
    }

    static UserEvent event(int u, String id, String item, EventType type, long second) {
        return userEvent(user(u) + "-" + id, user(u), item, type, second);
    }

    static void send(List<UserEvent> events) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (UserEvent e : events) {
            records.add(
                    new ProducerRecord<>(
                            EVENTS, bytes(e.getUserId()), Codecs.USER_EVENT.encode(e)));
        }
        KAFKA.produce(records);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
