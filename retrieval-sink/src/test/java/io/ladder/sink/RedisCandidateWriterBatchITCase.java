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
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/** Several lists per script call: what the writer sends and how Redis' answers come back. */
class RedisCandidateWriterBatchITCase {
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static final Duration LONG = Duration.ofMinutes(10);
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final Queue<String> ACKS = new ConcurrentLinkedQueue<>();
    private static RedisClient raw;

    private String prefix;
    private RedisCandidateWriter writer;
    private RedisCandidateStore store;

    @BeforeAll
    static void connect() {
        raw = RedisClient.create(REDIS.host(), REDIS.port());
    }

    @AfterAll
    static void disconnect() {
        raw.close();
    }

    @BeforeEach
    void open() throws Exception {
        prefix = "wb" + PREFIXES.incrementAndGet() + ":";
        ACKS.clear();
        store =
                RedisCandidateStore.connect(
                        RedisConnectionConfig.standalone(REDIS.address()),
                        CandidateKeys.withPrefix(prefix));
        RedisCandidateSink sink =
                RedisCandidateSink.builder()
                        .setConnection(RedisConnectionConfig.standalone(REDIS.address()))
                        .setKeyPrefix(prefix)
                        .setBatchSize(100)
                        .setKeysPerCall(4)
                        .setLinger(LONG)
                        .setAckListener(
                                (list, stored) ->
                                        ACKS.add(
                                                list.getUserId()
                                                        + "@"
                                                        + list.getSequence()
                                                        + "="
                                                        + stored))
                        .build();
        writer = (RedisCandidateWriter) sink.createWriter(new TestWriterInitContext());
        raw.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
    }

    @AfterEach
    void close() throws Exception {
        writer.close();
        store.close();
    }

    private long sequence(String user) {
        return store.topN(user, 1).map(StoredCandidates::sequence).orElse(-1L);
    }

    /** Calls of a script command since the test started (0 if none). */
    private static long calls(String command) {
        Matcher m =
                Pattern.compile("cmdstat_" + command + ":calls=(\\d+),")
                        .matcher(raw.info("commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void mixedSequencesInOneBatchWriteOnlyTheNewerListsInFewCalls() throws Exception {
        for (String user : new String[] {"u0", "u1", "u2", "u3", "u4"}) {
            store.put(list(user, 5));
        }
        raw.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
        Map<String, Long> writes =
                Map.of("u0", 6L, "u1", 4L, "u2", 5L, "u3", 9L, "u4", 1L, "n0", 1L, "n1", 2L);
        for (String user : new String[] {"u0", "u1", "u2", "u3", "u4", "n0", "n1"}) {
            writer.write(list(user, writes.get(user)), null);
        }
        writer.flush(false);

        assertThat(sequence("u0")).isEqualTo(6);
        assertThat(sequence("u1")).as("older: kept 5").isEqualTo(5);
        assertThat(sequence("u2")).as("equal: kept").isEqualTo(5);
        assertThat(sequence("u3")).isEqualTo(9);
        assertThat(sequence("u4")).isEqualTo(5);
        assertThat(sequence("n0")).as("absent before").isEqualTo(1);
        assertThat(sequence("n1")).isEqualTo(2);
        assertThat(store.topN("u3", 1).orElseThrow().candidates().get(0).getItemId())
                .isEqualTo(firstItem("u3", 9));
        assertThat(writer.metrics().listsWritten.getCount()).isEqualTo(4);
        assertThat(writer.metrics().listsSkipped.getCount()).isEqualTo(3);
        assertThat(ACKS)
                .containsExactlyInAnyOrder(
                        "u0@6=true",
                        "u1@4=false",
                        "u2@5=false",
                        "u3@9=true",
                        "u4@1=false",
                        "n0@1=true",
                        "n1@2=true");
        assertThat(calls("evalsha")).as("7 lists, 4 per call").isEqualTo(2);
    }

    @Test
    void duplicatesOfAUserAreCoalescedBeforeTheyReachACall() throws Exception {
        for (long seq : new long[] {3, 8, 5}) {
            writer.write(list("a", seq), null);
            writer.write(list("b", 10 - seq), null);
        }
        writer.flush(false);

        assertThat(sequence("a")).isEqualTo(8);
        assertThat(sequence("b")).isEqualTo(7);
        assertThat(ACKS)
                .containsExactlyInAnyOrder(
                        "a@3=false", "a@8=true", "a@5=false", "b@7=true", "b@2=false", "b@5=false");
        assertThat(calls("evalsha")).as("one call for a and b").isEqualTo(1);
    }

    @Test
    void flushedScriptCacheFallsBackToEvalForWholeCalls() throws Exception {
        for (int u = 0; u < 10; u++) {
            writer.write(list("user" + u, 1), null);
        }
        writer.flush(false);
        raw.scriptFlush();
        raw.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");

        for (int u = 0; u < 10; u++) {
            writer.write(list("user" + u, u % 2 == 0 ? 2 : 0), null);
        }
        writer.flush(false);

        for (int u = 0; u < 10; u++) {
            assertThat(sequence("user" + u)).as("user%d", u).isEqualTo(u % 2 == 0 ? 2 : 1);
        }
        assertThat(calls("eval")).as("10 lists in EVAL calls of 4").isEqualTo(3);
        assertThat(writer.metrics().listsWritten.getCount()).isEqualTo(15);
        assertThat(writer.metrics().listsSkipped.getCount()).isEqualTo(5);
        assertThat(writer.asyncError()).isNull();
    }
}
