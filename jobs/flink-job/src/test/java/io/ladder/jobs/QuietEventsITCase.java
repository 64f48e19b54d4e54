package io.ladder.jobs;

import static io.ladder.jobs.fixtures.JobFixtures.userEvent;
import static io.ladder.jobs.testing.JobTestSupport.awaitList;
import static io.ladder.jobs.testing.JobTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.testing.JobTestSupport;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.testing.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The restore stall's root cause, reproduced without a restore: when the events topic went quiet
 * for longer than {@code events.idleness}, the events input of the user operator turned idle and
 * the catalogue input's watermark (it used to declare itself caught up with {@code Long.MAX_VALUE})
 * became the operator's clock. Every user's inactivity timer then fired at once and dropped their
 * state; their next lists restarted at sequence 1 and Redis refused them as older than the lists it
 * held, so no list moved again. Any quiet spell in production did the same. Here a pause of a few
 * idleness periods separates two events of each user; the second must continue the first's state.
 */
class QuietEventsITCase {
    static final String EVENTS = "quiet.events";
    static final String ITEMS = "quiet.items";
    static final String DEAD = "quiet.dead-letters";
    static final int USERS = 10;

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            JobTestSupport.rocksDbMiniCluster(
                    2, JobTestSupport.checkpointDir("quiet-it-checkpoints"));

    @BeforeAll
    static void topics() {
        KAFKA.createTopic(EVENTS, 2);
        KAFKA.createTopic(ITEMS, 1, Map.of("cleanup.policy", "compact"));
        KAFKA.createTopic(DEAD, 1);
        KAFKA.produce(JobTestSupport.catalogRecords(ITEMS));
    }

    @Test
    void aQuietEventsTopicKeepsEveryUsersStateAndListsGoOnAfterIt() throws Exception {
        JobConfig config =
                JobTestSupport.jobConfig(
                        KAFKA.bootstrapServers(),
                        REDIS.address(),
                        EVENTS,
                        ITEMS,
                        DEAD,
                        "quiet-it",
                        "--events.idleness",
                        "200ms");
        JobClient job = JobTestSupport.startJob(config, 2, null, "quiet-it");
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        config.redis().connection(), CandidateKeys.withDefaultPrefix())) {
            send(0, "a1", EventType.CLICK);
            for (int u = 0; u < USERS; u++) {
                awaitList(store, user(u), l -> l.sequence() == 1);
            }
            // Ten idleness periods (and many periodic watermark emissions) without an event.
            Thread.sleep(Duration.ofSeconds(2).toMillis());
            send(1, "a2", EventType.CART);
            for (int u = 0; u < USERS; u++) {
                var list = awaitList(store, user(u), l -> l.sequence() >= 2);
                assertThat(list.sequence()).as(user(u)).isEqualTo(2);
                // The first event is still the user's: their state outlived the quiet spell.
                assertThat(list.candidates())
                        .extracting(Candidate::getItemId)
                        .as(user(u))
                        .contains("a1", "a2");
            }
        } finally {
            job.cancel().get();
        }
    }

    static String user(int u) {
        return "q" + u;
    }

    static void send(long second, String item, EventType type) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            UserEvent e = userEvent(user(u) + "-" + second, user(u), item, type, second);
            records.add(
                    new ProducerRecord<>(
                            EVENTS, bytes(e.getUserId()), Codecs.USER_EVENT.encode(e)));
        }
        KAFKA.produce(records);
    }
}
