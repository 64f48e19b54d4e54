package io.ladder.sink;

import static io.ladder.sink.testing.CandidateListFixtures.firstItem;
import static io.ladder.sink.testing.CandidateListFixtures.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.schemas.CandidateList;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.RedisConnectionConfig;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.store.StoredCandidates;
import io.ladder.sink.testing.RedisServerExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole sink in a Flink job on a MiniCluster, with checkpoints, against a real Redis. */
class RedisCandidateSinkITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static final int USERS = 40;
    private static final long LISTS = 4_000;
    private static final AtomicLong ACKED = new AtomicLong();

    @Test
    void jobPublishesLatestListOfEveryUser() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200);
        env.getConfig().enableObjectReuse();

        RedisCandidateSink sink =
                RedisCandidateSink.builder()
                        .setConnection(RedisConnectionConfig.standalone(REDIS.address()))
                        .setKeyPrefix("job:")
                        .setBatchSize(64)
                        .setLinger(Duration.ofMillis(20))
                        .setAckListener((list, stored) -> ACKED.incrementAndGet())
                        .build();

        // list i belongs to user i % USERS with sequence i / USERS; the two source subtasks
        // interleave, so one user's lists reach the sink from both writers, out of order
        env.fromSequence(0, LISTS - 1)
                .map(i -> list("user" + (i % USERS), i / USERS, 10))
                .returns(TypeInformation.of(CandidateList.class))
                .sinkTo(sink)
                .name("redis-candidates");
        env.execute("redis sink ITCase");

        assertThat(ACKED.get()).isEqualTo(LISTS);
        long last = LISTS / USERS - 1;
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        RedisConnectionConfig.standalone(REDIS.address()),
                        CandidateKeys.withPrefix("job:"))) {
            for (int u = 0; u < USERS; u++) {
                StoredCandidates got = store.topN("user" + u, 1).orElseThrow();
                assertThat(got.sequence()).as("user%d", u).isEqualTo(last);
                assertThat(got.candidates().get(0).getItemId())
                        .isEqualTo(firstItem("user" + u, last));
            }
        }
    }
}
