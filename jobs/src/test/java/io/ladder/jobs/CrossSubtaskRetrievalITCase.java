package io.ladder.jobs;

import static io.ladder.jobs.testing.JobFixtures.userEvent;
import static io.ladder.jobs.testing.JobTestSupport.awaitList;
import static io.ladder.jobs.testing.JobTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.config.RedisOptions;
import io.ladder.jobs.testing.JobFixtures;
import io.ladder.jobs.testing.JobTestSupport;
import io.ladder.jobs.testing.KafkaBrokerExtension;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateSource;
import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.store.StoredCandidates;
import io.ladder.sink.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At parallelism 2, an item first seen through a user on one subtask becomes a candidate for a
 * matching user on the other: the announcement reaches every retrieval subtask.
 */
class CrossSubtaskRetrievalITCase {
    static final int PARALLELISM = 2;
    static final int MAX_PARALLELISM = JobTestSupport.MAX_PARALLELISM;

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    /** The first user id of the form prefix-N that the user operator routes to {@code subtask}. */
    static String userOnSubtask(String prefix, int subtask) {
        for (int n = 0; ; n++) {
            String user = prefix + "-" + n;
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(
                            user, MAX_PARALLELISM, PARALLELISM)
                    == subtask) {
                return user;
            }
        }
    }

    @Test
    void anItemSeenOnOneSubtaskIsRetrievedForAMatchingUserOnTheOther() throws Exception {
        KAFKA.createTopic("x.events", 2);
        KAFKA.createTopic("x.items", 1, Map.of("cleanup.policy", "compact"));
        KAFKA.createTopic("x.dead", 1);
        List<ProducerRecord<byte[], byte[]>> catalog =
                new ArrayList<>(JobTestSupport.catalogRecords("x.items"));
        KAFKA.produce(catalog);

        JobConfig config =
                JobConfig.parse(
                        "--kafka.bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--kafka.events-topic",
                        "x.events",
                        "--kafka.items-topic",
                        "x.items",
                        "--kafka.dead-letter-topic",
                        "x.dead",
                        "--kafka.group-id",
                        "x",
                        "--events.idleness",
                        "500ms",
                        "--list.min-interval",
                        "1ms",
                        "--redis.address",
                        REDIS.address(),
                        "--redis.linger",
                        "10ms",
                        "--redis.ttl",
                        "1h");
        JobClient job = JobTestSupport.startJob(config, PARALLELISM, null, "cross-subtask-it");

        String fan = userOnSubtask("fan", 0);
        String finder = userOnSubtask("finder", 1);
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        RedisOptions.connection(config.redis()),
                        CandidateKeys.withDefaultPrefix())) {
            send(userEvent("f1", fan, "a1", EventType.CART, 0));
            awaitList(store, fan, l -> l.modelVersion().equals(JobFixtures.VERSION));
            // The finder's subtask is the only one whose user saw the new item.
            send(userEvent("n1", finder, "a-new", EventType.CLICK, 10));
            awaitList(store, finder, l -> l.sequence() == 1);

            // Each purchase makes the fan's list re-query the index; the announced item must
            // appear once the announcement has reached the fan's subtask.
            StoredCandidates list = null;
            for (int i = 0; i < 20; i++) {
                send(userEvent("p" + i, fan, "a" + (2 + i % 8), EventType.PURCHASE, 20 + i));
                int sequence = 2 + i;
                list = awaitList(store, fan, l -> l.sequence() >= sequence);
                if (list.candidates().stream().anyMatch(c -> c.getItemId().equals("a-new"))) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(list.candidates())
                    .filteredOn(c -> c.getSource() == CandidateSource.INTEREST)
                    .extracting(Candidate::getItemId)
                    .contains("a-new");
        } finally {
            job.cancel().get();
        }
    }

    static void send(UserEvent event) {
        KAFKA.produce("x.events", bytes(event.getUserId()), Codecs.USER_EVENT.encode(event));
    }
}
