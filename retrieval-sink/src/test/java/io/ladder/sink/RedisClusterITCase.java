package io.ladder.sink;

import static io.ladder.sink.testing.CandidateListFixtures.firstItem;
import static io.ladder.sink.testing.CandidateListFixtures.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.RedisConnectionConfig;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.store.StoredCandidates;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.sink.testing.TestWriterInitContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The writer and the store against a three-node Redis Cluster (masters only). */
class RedisClusterITCase {
    @RegisterExtension
    static final RedisServerExtension NODE_A = RedisServerExtension.create().withClusterEnabled();

    @RegisterExtension
    static final RedisServerExtension NODE_B = RedisServerExtension.create().withClusterEnabled();

    @RegisterExtension
    static final RedisServerExtension NODE_C = RedisServerExtension.create().withClusterEnabled();

    private static final int USERS = 300;

    @BeforeAll
    static void formCluster() throws Exception {
        redisCli(
                "--cluster",
                "create",
                NODE_A.address(),
                NODE_B.address(),
                NODE_C.address(),
                "--cluster-yes");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (RedisServerExtension node : List.of(NODE_A, NODE_B, NODE_C)) {
            while (!redisCli("-p", Integer.toString(node.port()), "CLUSTER", "INFO")
                    .contains("cluster_state:ok")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster did not become ok");
                }
                Thread.sleep(100);
            }
        }
    }

    private static RedisConnectionConfig cluster() {
        return RedisConnectionConfig.builder().cluster(List.of(NODE_A.address())).build();
    }

    @Test
    void writerSpreadsUsersOverNodesAndKeepsHighestSequence() throws Exception {
        RedisCandidateSink sink =
                RedisCandidateSink.builder()
                        .setConnection(cluster())
                        .setKeyPrefix("cl:")
                        .setBatchSize(128)
                        .setLinger(Duration.ofMillis(20))
                        .build();
        try (RedisCandidateWriter writer =
                (RedisCandidateWriter) sink.createWriter(new TestWriterInitContext())) {
            for (long seq : new long[] {2, 5, 1, 4, 3}) {
                for (int u = 0; u < USERS; u++) {
                    writer.write(list("user" + u, seq, 5), null);
                }
            }
            writer.flush(true);
            assertThat(writer.metrics().listsWritten.getCount()).isEqualTo(2L * USERS);
            assertThat(writer.metrics().listsSkipped.getCount()).isEqualTo(3L * USERS);
        }

        for (RedisServerExtension node : List.of(NODE_A, NODE_B, NODE_C)) {
            String dbsize = redisCli("-p", Integer.toString(node.port()), "DBSIZE").trim();
            assertThat(Integer.parseInt(dbsize)).as("keys on %s", node.address()).isPositive();
        }
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(cluster(), CandidateKeys.withPrefix("cl:"))) {
            for (int u = 0; u < USERS; u++) {
                StoredCandidates got = store.topN("user" + u, 1).orElseThrow();
                assertThat(got.sequence()).isEqualTo(5);
                assertThat(got.candidates().get(0).getItemId()).isEqualTo(firstItem("user" + u, 5));
            }
            assertThat(store.put(list("user0", 4))).isFalse();
            assertThat(store.put(list("user0", 6))).isTrue();
        }
    }

    @Test
    void usersSharingASlotShareScriptCalls() throws Exception {
        RedisCandidateSink sink =
                RedisCandidateSink.builder()
                        .setConnection(cluster())
                        .setKeyPrefix("tag:")
                        .setBatchSize(128)
                        .setLinger(Duration.ofMinutes(10))
                        .build();
        for (RedisServerExtension node : List.of(NODE_A, NODE_B, NODE_C)) {
            redisCli("-p", Integer.toString(node.port()), "CONFIG", "RESETSTAT");
        }
        int users = 60;
        try (RedisCandidateWriter writer =
                (RedisCandidateWriter) sink.createWriter(new TestWriterInitContext())) {
            for (long seq : new long[] {2, 5, 1, 4, 3}) {
                for (int u = 0; u < users; u++) {
                    // a hash tag puts the user in one of five slots
                    writer.write(list("{g" + u % 5 + "}user" + u, seq, 5), null);
                }
            }
            writer.flush(true);
            // the first batch already holds every user's 5 (coalesced), later ones are older
            assertThat(writer.metrics().listsWritten.getCount()).isEqualTo(users);
            assertThat(writer.metrics().listsSkipped.getCount()).isEqualTo(4L * users);
            assertThat(writer.asyncError()).isNull();
        }

        long calls = 0;
        for (RedisServerExtension node : List.of(NODE_A, NODE_B, NODE_C)) {
            String stats = redisCli("-p", Integer.toString(node.port()), "INFO", "commandstats");
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("cmdstat_evalsha:calls=(\\d+),").matcher(stats);
            calls += m.find() ? Long.parseLong(m.group(1)) : 0;
        }
        // 300 lists in 3 batches (128, 128, 44), each batch one call per slot
        assertThat(calls).as("script calls").isLessThanOrEqualTo(15);
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(cluster(), CandidateKeys.withPrefix("tag:"))) {
            for (int u = 0; u < users; u++) {
                String user = "{g" + u % 5 + "}user" + u;
                StoredCandidates got = store.topN(user, 1).orElseThrow();
                assertThat(got.sequence()).as(user).isEqualTo(5);
                assertThat(got.candidates().get(0).getItemId()).isEqualTo(firstItem(user, 5));
            }
        }
    }

    private static String redisCli(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("redis-cli");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
