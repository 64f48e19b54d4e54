package io.ladder.jobs;

import static io.ladder.jobs.CrossSubtaskRetrievalITCase.userOnSubtask;
import static io.ladder.jobs.fixtures.JobFixtures.userEvent;
import static io.ladder.jobs.testing.JobTestSupport.awaitList;
import static io.ladder.jobs.testing.JobTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.testing.FlinkRestMetrics;
import io.ladder.jobs.testing.JobTestSupport;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateSource;
import io.ladder.schemas.EventType;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.Codecs;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.store.StoredCandidates;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.testing.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A second item-tower version published while the job runs at parallelism 2: it is adopted only
 * once all its items, spread over the items topic's partitions, have arrived; lists go on through
 * the switch, and once a user's list carries the new version, none carries the old one again.
 */
class ModelVersionSwitchITCase {
    static final int PARALLELISM = 2;
    static final String V1 = JobFixtures.VERSION;
    static final String V2 = "test-v2";
    static final String OPERATOR = "user model and candidate lists";
    static final String METRIC = "user_model_and_candidate_lists.";

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @Test
    void aFullyPublishedVersionIsAdoptedAndEveryLaterListCarriesIt() throws Exception {
        KAFKA.createTopic("v.events", 2);
        KAFKA.createTopic("v.items", 4, Map.of("cleanup.policy", "compact"));
        KAFKA.createTopic("v.dead", 1);
        KAFKA.produce(JobTestSupport.catalogRecords("v.items"));
        JobConfig config =
                JobTestSupport.jobConfig(
                        KAFKA.bootstrapServers(),
                        REDIS.address(),
                        "v.events",
                        "v.items",
                        "v.dead",
                        "v",
                        "--redis.linger",
                        "10ms");
        JobClient job = JobTestSupport.startJob(config, PARALLELISM, null, "version-switch-it");
        FlinkRestMetrics metrics = new FlinkRestMetrics(FLINK.getClientConfiguration());
        Map<String, List<StoredCandidates>> lists = new LinkedHashMap<>();
        lists.put(userOnSubtask("switch", 0), new ArrayList<>());
        lists.put(userOnSubtask("switch", 1), new ArrayList<>());
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        config.redis().connection(), CandidateKeys.withDefaultPrefix())) {
            Round round = new Round(store, lists);
            // Events and the catalogue are separate streams: engage until both lists carry v1.
            for (int i = 0; !round.allCarry(V1); i++) {
                assertThat(i).as("rounds until both lists carry v1").isLessThan(60);
                round.next();
            }

            // v2's ModelInfo and half its items: both subtasks hold it as pending.
            List<ProducerRecord<byte[], byte[]>> v2 = v2Records();
            KAFKA.produce(v2.subList(0, 11));
            long pending =
                    metrics.awaitOperatorSum(
                            job.getJobID(),
                            OPERATOR,
                            METRIC + "modelVersionsPending",
                            v -> v >= PARALLELISM,
                            Duration.ofSeconds(30));
            assertThat(pending).as("subtasks holding v2 pending").isEqualTo(PARALLELISM);
            round.next();
            assertThat(round.allCarry(V1)).as("v2 is half published: v1 serves").isTrue();

            KAFKA.produce(v2.subList(11, v2.size()));
            for (int i = 0; !round.allCarry(V2); i++) {
                assertThat(i).as("rounds until both lists carry v2").isLessThan(60);
                round.next();
            }
            round.next();
            // The serving version's age: v2's, not v1's (an hour older).
            long expected =
                    Duration.between(JobFixtures.T0.plusSeconds(3600), java.time.Instant.now())
                            .toSeconds();
            long ages =
                    metrics.awaitOperatorSum(
                            job.getJobID(),
                            OPERATOR,
                            METRIC + "modelVersionAgeSeconds",
                            v -> Math.abs(v - PARALLELISM * expected) < PARALLELISM * 600L,
                            Duration.ofSeconds(30));
            assertThat(ages)
                    .isBetween(PARALLELISM * (expected - 600), PARALLELISM * (expected + 600));
        } finally {
            job.cancel().get();
        }
        for (Map.Entry<String, List<StoredCandidates>> user : lists.entrySet()) {
            List<String> versions =
                    user.getValue().stream().map(StoredCandidates::modelVersion).toList();
            int firstV2 = versions.indexOf(V2);
            assertThat(versions.subList(0, firstV2)).as(user.getKey()).doesNotContain(V2);
            assertThat(versions.subList(firstV2, versions.size()))
                    .as("%s after its switch", user.getKey())
                    .containsOnly(V2);
            // No list went without retrieval around the switch.
            for (StoredCandidates list : user.getValue()) {
                if (!list.modelVersion().isEmpty()) {
                    assertThat(list.candidates())
                            .extracting(Candidate::getSource)
                            .as("%s list %d", user.getKey(), list.sequence())
                            .contains(CandidateSource.INTEREST);
                }
            }
        }
    }

    /** One event per user, then each user's next list (every event emits one here). */
    static final class Round {
        private final RedisCandidateStore store;
        private final Map<String, List<StoredCandidates>> lists;
        private int n;

        Round(RedisCandidateStore store, Map<String, List<StoredCandidates>> lists) {
            this.store = store;
            this.lists = lists;
        }

        void next() throws Exception {
            n++;
            for (Map.Entry<String, List<StoredCandidates>> user : lists.entrySet()) {
                var event =
                        userEvent(
                                user.getKey() + "-" + n,
                                user.getKey(),
                                "a" + n % 10,
                                n % 3 == 0 ? EventType.CART : EventType.CLICK,
                                n);
                KAFKA.produce(
                        "v.events", bytes(event.getUserId()), Codecs.USER_EVENT.encode(event));
            }
            for (Map.Entry<String, List<StoredCandidates>> user : lists.entrySet()) {
                int sequence = n;
                user.getValue().add(awaitList(store, user.getKey(), l -> l.sequence() >= sequence));
            }
        }

        boolean allCarry(String version) {
            return lists.values().stream()
                    .allMatch(
                            l ->
                                    !l.isEmpty()
                                            && l.get(l.size() - 1).modelVersion().equals(version));
        }
    }

    /** v2's ModelInfo (announcing the fixture's 20 items), then its items, each a new vector. */
    static List<ProducerRecord<byte[], byte[]>> v2Records() {
        List<Item> items = JobFixtures.items();
        ModelInfo info =
                ModelInfo.newBuilder(JobFixtures.modelInfo())
                        .setModelVersion(V2)
                        .setCreatedTime(JobFixtures.T0.plusSeconds(3600))
                        .setItemCount(items.size())
                        .build();
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        out.add(
                new ProducerRecord<>(
                        "v.items", bytes("__model__/" + V2), Codecs.MODEL_INFO.encode(info)));
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            float[] vector =
                    JobFixtures.itemVector(item.getCategoryId().equals("A") ? 0 : 1, 50 + i);
            List<Float> embedding = new ArrayList<>();
            for (float x : vector) {
                embedding.add(x);
            }
            Item next = Item.newBuilder(item).setModelVersion(V2).setEmbedding(embedding).build();
            out.add(
                    new ProducerRecord<>(
                            "v.items", bytes(next.getItemId()), Codecs.ITEM.encode(next)));
        }
        return out;
    }
}
