package io.ladder.jobs.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.testing.JobTestSupport;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.UserEvent;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.store.StoredCandidates;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.testing.KafkaBrokerExtension;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * State compatibility, as Flink's own migration tests check it: the job as it is now restores the
 * savepoint a released job wrote ({@link ReleasedState}, committed under {@code
 * src/test/resources/savepoints/}) and continues every user where they were. A change that renames
 * a uid or a state, or changes a state's type incompatibly, fails here before it reaches a
 * production upgrade.
 */
class ReleasedSavepointRestoreITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            JobTestSupport.rocksDbMiniCluster(
                    ReleasedState.PARALLELISM,
                    JobTestSupport.checkpointDir("released-savepoint-it"));

    @BeforeAll
    static void topics() {
        // A new broker: the savepoint's offsets lie past these empty topics' ends, so the sources
        // start from their beginning (auto.offset.reset=earliest), as after a cluster move.
        ReleasedState.createTopics(KAFKA);
    }

    @Test
    void theReleasedSavepointRestoresAndEveryUserContinuesWhereTheyWere() throws Exception {
        JobConfig config = ReleasedState.config(KAFKA.bootstrapServers(), REDIS.address());
        JobClient job =
                JobTestSupport.startJob(
                        config, ReleasedState.PARALLELISM, savepoint(), "released-savepoint-it");
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        config.redis().connection(), CandidateKeys.withDefaultPrefix())) {
            List<UserEvent> next = new ArrayList<>();
            int fourth = ReleasedState.EVENTS_PER_USER + 1;
            for (int u = 0; u < ReleasedState.USERS; u++) {
                next.add(ReleasedState.event(u, 2)); // a retry of an event before the savepoint
                next.add(ReleasedState.event(u, fourth));
            }
            KAFKA.produce(ReleasedState.records(next));
            for (int u = 0; u < ReleasedState.USERS; u++) {
                String user = ReleasedState.user(u);
                // Emission state: the sequence continues (and the retry did not count: dedup).
                StoredCandidates list =
                        JobTestSupport.awaitList(store, user, l -> l.sequence() >= fourth);
                assertThat(list.sequence()).as(user).isEqualTo(fourth);
                // User state: the items touched before the savepoint are still the user's.
                assertThat(list.candidates())
                        .extracting(Candidate::getItemId)
                        .as(user)
                        .contains(
                                ReleasedState.item(u, 1),
                                ReleasedState.item(u, 2),
                                ReleasedState.item(u, fourth));
                // Broadcast state: the item tower is known although the new items topic is empty.
                assertThat(list.modelVersion()).as(user).isEqualTo(JobFixtures.VERSION);
            }
            Thread.sleep(1_000); // the retries must not move any sequence past the fourth event
            for (int u = 0; u < ReleasedState.USERS; u++) {
                assertThat(store.topN(ReleasedState.user(u), 100).orElseThrow().sequence())
                        .isEqualTo(fourth);
            }
        } finally {
            job.cancel().get();
        }
    }

    private static String savepoint() throws URISyntaxException {
        return Path.of(
                        Objects.requireNonNull(
                                        ReleasedSavepointRestoreITCase.class.getResource(
                                                "/savepoints/"
                                                        + ReleasedState.RELEASE
                                                        + "/_metadata"),
                                        "the committed savepoint of " + ReleasedState.RELEASE)
                                .toURI())
                .getParent()
                .toString();
    }
}
