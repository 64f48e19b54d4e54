package io.ladder.jobs;

import static io.ladder.jobs.fixtures.JobFixtures.userEvent;
import static io.ladder.jobs.testing.JobTestSupport.awaitList;
import static io.ladder.jobs.testing.JobTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.testing.JobTestSupport;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.DeadLetter;
import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.store.StoredCandidates;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.testing.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a MiniCluster (RocksDB state, checkpoints) against a real Kafka broker and a
 * real redis-server: events in, lists in Redis, dead letters out, duplicates ignored, and a restore
 * from a savepoint continuing with the same state.
 */
class RecommendationJobITCase {
    static final String EVENTS = "it.events";
    static final String ITEMS = "it.items";
    static final String DEAD = "it.dead-letters";
    static final Path CHECKPOINTS = JobTestSupport.checkpointDir("job-it-checkpoints");

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobTestSupport.rocksDbMiniCluster(2, CHECKPOINTS);

    @BeforeAll
    static void topics() {
        KAFKA.createTopic(EVENTS, 2);
        KAFKA.createTopic(ITEMS, 1, Map.of("cleanup.policy", "compact"));
        KAFKA.createTopic(DEAD, 1);
        List<ProducerRecord<byte[], byte[]>> catalog =
                new ArrayList<>(JobTestSupport.catalogRecords(ITEMS));
        catalog.add(new ProducerRecord<>(ITEMS, bytes("broken"), bytes("not avro at all")));
        KAFKA.produce(catalog);
    }

    static JobConfig config() {
        return JobTestSupport.jobConfig(
                KAFKA.bootstrapServers(),
                REDIS.address(),
                EVENTS,
                ITEMS,
                DEAD,
                "it",
                "--redis.linger",
                "10ms");
    }

    static JobClient start(JobConfig config, String savepoint) throws Exception {
        return JobTestSupport.startJob(config, 2, savepoint, "recommendation-it");
    }

    static void send(UserEvent... events) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (UserEvent e : events) {
            records.add(
                    new ProducerRecord<>(
                            EVENTS, bytes(e.getUserId()), Codecs.USER_EVENT.encode(e)));
        }
        KAFKA.produce(records);
    }

    @Test
    void eventsBecomeListsInRedisBadRecordsBecomeDeadLettersAndStateSurvivesASavepoint()
            throws Exception {
        JobConfig config = config();
        JobClient job = start(config, null);
        // The broken record is the last of the items topic: once it is dead-lettered, the
        // catalogue (model version and items) is in, and events meet a known item tower.
        KAFKA.awaitRecords(DEAD, 1, Duration.ofSeconds(60));
        send(
                userEvent("u1-1", "u1", "a1", EventType.CLICK, 0),
                userEvent("u1-2", "u1", "a2", EventType.CLICK, 1),
                userEvent("u1-3", "u1", "a3", EventType.CART, 2),
                userEvent("u2-1", "u2", "b1", EventType.CLICK, 0),
                userEvent("u2-1", "u2", "b1", EventType.CLICK, 0), // producer retry
                userEvent("u2-2", "u2", "b2", EventType.CART, 3));
        KAFKA.produce(
                List.of(
                        new ProducerRecord<>(EVENTS, bytes("u3"), bytes("{\"user\":\"u3\"}")),
                        new ProducerRecord<>(
                                EVENTS,
                                bytes("u3"),
                                Codecs.USER_EVENT.encode(
                                        UserEvent.newBuilder(
                                                        userEvent(
                                                                "bad-time",
                                                                "u3",
                                                                "a1",
                                                                EventType.CLICK,
                                                                0))
                                                .setEventTime(
                                                        java.time.Instant.ofEpochMilli(
                                                                1_511_539_217L))
                                                .build()))));

        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        config.redis().connection(), CandidateKeys.withDefaultPrefix())) {
            StoredCandidates u1 = awaitList(store, "u1", l -> l.sequence() == 3);
            assertThat(u1.candidates()).extracting(Candidate::getItemId).contains("a1", "a2", "a3");
            assertThat(u1.modelVersion()).isEqualTo(JobFixtures.VERSION);
            // The duplicate counted once: two distinct events for u2.
            StoredCandidates u2 = awaitList(store, "u2", l -> l.sequence() == 2);
            assertThat(u2.asOf()).isEqualTo(JobFixtures.T0.plusSeconds(3));

            // A purchase moves the item after the items not bought by the next list: a1 is now
            // the newest at the top level, so only the purchased weight keeps it last.
            send(userEvent("u1-4", "u1", "a1", EventType.PURCHASE, 4));
            u1 = awaitList(store, "u1", l -> l.sequence() == 4);
            assertThat(u1.candidates())
                    .extracting(Candidate::getItemId)
                    .containsSubsequence("a3", "a2", "a1");

            List<ConsumerRecord<byte[], byte[]>> dead =
                    KAFKA.awaitRecords(DEAD, 3, Duration.ofSeconds(60));
            List<String> reasons =
                    dead.stream()
                            .map(r -> Codecs.DEAD_LETTER.decode(r.value()))
                            .map(d -> d.getSourceTopic() + ": " + d.getReason())
                            .toList();
            assertThat(reasons)
                    .anyMatch(
                            r ->
                                    r.startsWith(EVENTS)
                                            && r.contains("not an Avro single-object message"));
            assertThat(reasons).anyMatch(r -> r.startsWith(EVENTS) && r.contains("event_time"));
            assertThat(reasons).anyMatch(r -> r.startsWith(ITEMS) && r.contains("not an Avro"));
            DeadLetter first = Codecs.DEAD_LETTER.decode(dead.get(0).value());
            assertThat(first.getSourceOffset()).isGreaterThanOrEqualTo(0);

            // Stop with a savepoint, send more (and a retry of an old id), restore.
            Path savepoints = Files.createDirectories(CHECKPOINTS.resolve("savepoints"));
            String savepoint =
                    job.stopWithSavepoint(
                                    false,
                                    savepoints.toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get();
            send(
                    userEvent("u1-5", "u1", "a5", EventType.CLICK, 5),
                    userEvent(
                            "u1-2", "u1", "a2", EventType.CLICK, 1)); // old id: still deduplicated
            job = start(config, savepoint);
            u1 = awaitList(store, "u1", l -> l.sequence() == 5);
            assertThat(u1.candidates()).extracting(Candidate::getItemId).contains("a5", "a2", "a3");
            Thread.sleep(1_000); // the retried id must not bump the sequence any further
            assertThat(store.topN("u1", 100).orElseThrow().sequence()).isEqualTo(5);
        } finally {
            job.cancel().get();
        }
    }
}
