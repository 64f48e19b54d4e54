package io.ladder.jobs;

import static io.ladder.jobs.fixtures.JobFixtures.userEvent;
import static io.ladder.jobs.testing.JobTestSupport.awaitList;
import static io.ladder.jobs.testing.JobTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.testing.JobTestSupport;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateSource;
import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.store.StoredCandidates;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.testing.KafkaBrokerExtension;
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
        JobConfig config = topicsAndConfig("x");
        JobClient job = JobTestSupport.startJob(config, PARALLELISM, null, "cross-subtask-it");

        String fan = userOnSubtask("fan", 0);
        String finder = userOnSubtask("finder", 1);
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        config.redis().connection(), CandidateKeys.withDefaultPrefix())) {
            // The items topic and the events are separate streams: an event can reach the user
            // operator before the model does (the job then serves without one). The fan engages
            // a1 until a list carries the model.
            StoredCandidates ready = null;
            for (int i = 0;
                    ready == null || !ready.modelVersion().equals(JobFixtures.VERSION);
                    i++) {
                assertThat(i).as("events until the fan's list carries the model").isLessThan(60);
                if (ready != null) {
                    Thread.sleep(500);
                }
                send(userEvent("f" + i, fan, "a1", EventType.CART, 0));
                int sequence = i + 1;
                ready = awaitList(store, fan, l -> l.sequence() >= sequence);
            }
            long before = ready.sequence();
            // The finder's subtask is the only one whose user saw the new item.
            send(userEvent("n1", finder, "a-new", EventType.CLICK, 10));
            awaitList(store, finder, l -> l.sequence() == 1);

            // Each purchase makes the fan's list re-query the index; the announced item must
            // appear once the announcement has reached the fan's subtask.
            StoredCandidates list = null;
            for (int i = 0; i < 20; i++) {
                send(userEvent("p" + i, fan, "a" + (2 + i % 8), EventType.PURCHASE, 20 + i));
                long sequence = before + 1 + i;
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

    @Test
    void anItemEngagedNextToAnotherOnOneSubtaskIsACoEngagedCandidateOnTheOther() throws Exception {
        JobConfig config = topicsAndConfig("y");
        JobClient job = JobTestSupport.startJob(config, PARALLELISM, null, "co-engagement-it");
        String finder = userOnSubtask("co-finder", 1);
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        config.redis().connection(), CandidateKeys.withDefaultPrefix())) {
            // Only users on subtask 0 ever engage the new item, each right after a1.
            for (int i = 0; i < 3; i++) {
                String fan = userOnSubtask("co-fan" + i, 0);
                send("y", userEvent("a" + i, fan, "a1", EventType.CLICK, i * 10));
                send("y", userEvent("b" + i, fan, "co-new", EventType.CLICK, i * 10 + 1));
                awaitList(store, fan, l -> l.sequence() == 2);
            }
            // The neighbours are counted by item and broadcast: the finder's subtask learns them
            // asynchronously, so the finder engages a1 until a list carries them.
            StoredCandidates list = null;
            for (int i = 0; i < 20; i++) {
                send("y", userEvent("f" + i, finder, "a1", EventType.CLICK, 100 + i));
                int sequence = 1 + i;
                list = awaitList(store, finder, l -> l.sequence() >= sequence);
                if (list.candidates().stream().anyMatch(c -> c.getItemId().equals("co-new"))) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(list.candidates())
                    .filteredOn(c -> c.getSource() == CandidateSource.CO_ENGAGED)
                    .extracting(Candidate::getItemId)
                    .contains("co-new");
        } finally {
            job.cancel().get();
        }
    }

    /** Topics {@code prefix.events/items/dead} (items published) and a job config reading them. */
    static JobConfig topicsAndConfig(String prefix) {
        KAFKA.createTopic(prefix + ".events", 2);
        KAFKA.createTopic(prefix + ".items", 1, Map.of("cleanup.policy", "compact"));
        KAFKA.createTopic(prefix + ".dead", 1);
        List<ProducerRecord<byte[], byte[]>> catalog =
                new ArrayList<>(JobTestSupport.catalogRecords(prefix + ".items"));
        KAFKA.produce(catalog);
        return JobTestSupport.jobConfig(
                KAFKA.bootstrapServers(),
                REDIS.address(),
                prefix + ".events",
                prefix + ".items",
                prefix + ".dead",
                prefix,
                "--redis.linger",
                "10ms",
                // each purchase re-queries, so the tests see when an announced item is retrievable
                "--retrieval.requery-on-purchase",
                "true");
    }

    static void send(UserEvent event) {
        send("x", event);
    }

    static void send(String prefix, UserEvent event) {
        KAFKA.produce(
                prefix + ".events", bytes(event.getUserId()), Codecs.USER_EVENT.encode(event));
    }
}
