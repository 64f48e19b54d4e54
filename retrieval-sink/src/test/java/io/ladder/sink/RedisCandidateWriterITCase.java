package io.ladder.sink;

import static io.ladder.sink.testing.CandidateListFixtures.firstItem;
import static io.ladder.sink.testing.CandidateListFixtures.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.schemas.CandidateList;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.CandidateValue;
import io.ladder.sink.redis.RedisConnectionConfig;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.store.StoredCandidates;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.sink.testing.TestWriterInitContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/**
 * The sink writer alone against a real redis-server, with the default keys per script call ({@link
 * RedisCandidateWriterOneKeyPerCallITCase} runs the same tests with one call per list).
 */
class RedisCandidateWriterITCase {
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static final Duration LONG = Duration.ofMinutes(10);
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final Queue<String> ACKS = new ConcurrentLinkedQueue<>();
    private static RedisClient raw;

    private String prefix;
    private RedisCandidateWriter writer;

    @BeforeAll
    static void connect() {
        raw = RedisClient.create(REDIS.host(), REDIS.port());
    }

    @AfterAll
    static void disconnect() {
        raw.close();
    }

    @BeforeEach
    void newPrefix() {
        prefix = "w" + PREFIXES.incrementAndGet() + ":";
        ACKS.clear();
    }

    @AfterEach
    void closeWriter() throws Exception {
        if (writer != null) {
            writer.close();
        }
    }

    RedisCandidateSinkBuilder sink() {
        return RedisCandidateSink.builder()
                .setConnection(RedisConnectionConfig.standalone(REDIS.address()))
                .setKeyPrefix(prefix);
    }

    private RedisCandidateWriter open(RedisCandidateSinkBuilder builder) throws IOException {
        writer = (RedisCandidateWriter) builder.build().createWriter(new TestWriterInitContext());
        return writer;
    }

    private StoredCandidates read(String user) {
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        RedisConnectionConfig.standalone(REDIS.address()),
                        CandidateKeys.withPrefix(prefix))) {
            return store.topN(user, 10).orElse(null);
        }
    }

    private boolean exists(String user) {
        return raw.exists(prefix + user);
    }

    private static boolean eventually(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Test
    void outOfOrderWritesKeepHighestSequence() throws Exception {
        open(sink().setBatchSize(2).setLinger(LONG));

        for (long seq : new long[] {5, 3, 7, 6, 4}) {
            writer.write(list("u", seq), null);
        }
        writer.flush(false);
        writer.write(list("u", 2), null);
        writer.flush(false);

        StoredCandidates got = read("u");
        assertThat(got.sequence()).isEqualTo(7);
        assertThat(got.candidates().get(0).getItemId()).isEqualTo(firstItem("u", 7));
        assertThat(writer.metrics().listsWritten.getCount()).isEqualTo(2);
        assertThat(writer.metrics().listsSkipped.getCount()).isEqualTo(4);
    }

    @Test
    void lingerSendsPartialBatchWithoutFlush() throws Exception {
        open(sink().setBatchSize(1000).setLinger(Duration.ofMillis(20)));

        writer.write(list("lonely", 1), null);

        assertThat(eventually(() -> exists("lonely"), Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void fullBatchIsSentWithoutLingerOrFlush() throws Exception {
        open(sink().setBatchSize(3).setLinger(LONG));

        writer.write(list("a", 1), null);
        writer.write(list("b", 1), null);
        Thread.sleep(300);
        assertThat(exists("a")).as("a partial batch waits for linger").isFalse();

        writer.write(list("c", 1), null);
        assertThat(eventually(() -> exists("a") && exists("c"), Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void flushReturnsOnlyWhenRedisHasEveryList() throws Exception {
        open(sink().setBatchSize(100).setLinger(LONG));
        for (int i = 0; i < 250; i++) {
            writer.write(list("user" + i, 1), null);
        }

        writer.flush(false);

        for (int i = 0; i < 250; i++) {
            assertThat(exists("user" + i)).as("user%d", i).isTrue();
        }
    }

    @Test
    void firstAsyncErrorIsRethrownOnFlushAndAfter() throws Exception {
        open(sink().setBatchSize(100).setLinger(LONG));
        raw.rpush(prefix + "broken", "not a candidate list");

        writer.write(list("fine", 1), null);
        writer.write(list("broken", 1), null);
        writer.write(list("after", 1), null);

        assertThatThrownBy(() -> writer.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("WRONGTYPE")
                .hasMessageContaining(prefix + "broken");
        assertThat(exists("fine")).isTrue();
        assertThat(exists("after")).as("a refused key does not stop the others").isTrue();
        assertThatThrownBy(() -> writer.write(list("later", 1), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("WRONGTYPE");
        assertThatThrownBy(() -> writer.flush(true)).isInstanceOf(IOException.class);
    }

    @Test
    void asyncErrorOfLingeredBatchIsRethrownOnNextWrite() throws Exception {
        open(sink().setBatchSize(100).setLinger(Duration.ofMillis(10)));
        raw.set(prefix + "wrong", "x");
        raw.rpush(prefix + "broken", "x");

        writer.write(list("broken", 1), null);
        assertThat(eventually(() -> writer.asyncError() != null, Duration.ofSeconds(3))).isTrue();

        assertThatThrownBy(() -> writer.write(list("next", 1), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("checkpoint cannot complete")
                .hasMessageContaining("WRONGTYPE");
        assertThat(exists("next")).isFalse();
    }

    @Test
    void ackListenerHearsStoredAndSkippedLists() throws Exception {
        open(
                sink().setBatchSize(10)
                        .setLinger(LONG)
                        .setAckListener(
                                (list, stored) ->
                                        ACKS.add(
                                                list.getUserId()
                                                        + "@"
                                                        + list.getSequence()
                                                        + "="
                                                        + stored)));

        writer.write(list("u", 2), null);
        writer.write(list("u", 1), null);
        writer.write(list("v", 1), null);
        assertThat(ACKS).isEmpty();
        writer.flush(false);

        assertThat(ACKS).containsExactlyInAnyOrder("u@2=true", "u@1=false", "v@1=true");
    }

    @Test
    void hotUserIsCoalescedToOneRedisWritePerBatch() throws Exception {
        open(
                sink().setBatchSize(100)
                        .setLinger(LONG)
                        .setAckListener(
                                (list, stored) -> ACKS.add(list.getSequence() + "=" + stored)));
        raw.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
        for (long seq : new long[] {1, 4, 2, 9, 3}) {
            writer.write(list("hot", seq), null);
        }
        writer.flush(false);

        assertThat(read("hot").sequence()).isEqualTo(9);
        assertThat(ACKS)
                .containsExactlyInAnyOrder("9=true", "1=false", "4=false", "2=false", "3=false");
        assertThat(writer.metrics().listsWritten.getCount()).isEqualTo(1);
        assertThat(writer.metrics().listsSkipped.getCount()).isEqualTo(4);
        assertThat(raw.info("commandstats"))
                .as("one script call reached Redis")
                .containsPattern("cmdstat_(evalsha|eval):calls=1,");
    }

    @Test
    void sinkWithListenerIsSerializable() throws Exception {
        RedisCandidateSink sink =
                sink().setAckListener((list, stored) -> ACKS.add(list.getUserId())).build();

        RedisCandidateSink copy = InstantiationUtil.clone(sink, getClass().getClassLoader());

        assertThat(copy.keys().prefix()).isEqualTo(prefix);
        copy.ackListener().acknowledged(list("x", 1), true);
        assertThat(ACKS).containsExactly("x");
    }

    @Test
    void metricsCountListsBytesAndLatency() throws Exception {
        open(sink().setBatchSize(4).setLinger(LONG));
        List<CandidateList> lists = List.of(list("a", 1), list("b", 1), list("c", 1), list("a", 0));
        long bytes = 0;
        for (CandidateList l : lists.subList(0, 3)) {
            bytes += CandidateValue.encode(l).length;
        }
        for (CandidateList l : lists) {
            writer.write(l, null);
        }
        writer.flush(false);

        WriterMetrics m = writer.metrics();
        assertThat(m.listsWritten.getCount()).isEqualTo(3);
        assertThat(m.listsSkipped.getCount()).isEqualTo(1);
        assertThat(m.bytesWritten.getCount()).isEqualTo(bytes);
        assertThat(m.writeLatencyMs.getCount()).isEqualTo(4);
        assertThat(m.retries.getCount()).isZero();
    }

    @Test
    void flushedScriptCacheFallsBackToEval() throws Exception {
        open(sink().setBatchSize(10).setLinger(LONG));
        writer.write(list("u", 1), null);
        writer.flush(false);

        raw.scriptFlush();
        writer.write(list("u", 2), null);
        writer.write(list("u", 1), null);
        writer.flush(false);

        assertThat(read("u").sequence()).isEqualTo(2);
    }

    @Test
    void ttlIsSetOnEveryWrite() throws Exception {
        open(sink().setTtl(Duration.ofSeconds(60)));
        writer.write(list("u", 1), null);
        writer.flush(false);

        assertThat(raw.pttl(prefix + "u")).isBetween(1L, 60_000L);
    }

    @Test
    void zeroTtlMeansNoExpiry() throws Exception {
        open(sink().setTtl(Duration.ZERO));
        writer.write(list("u", 1), null);
        writer.flush(false);

        assertThat(raw.pttl(prefix + "u")).isEqualTo(-1L);
    }

    @Test
    void unreachableRedisFailsCreateWriterClearly() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RedisCandidateSinkBuilder builder =
                sink().setConnection(RedisConnectionConfig.standalone("127.0.0.1:" + closedPort));

        assertThatThrownBy(() -> open(builder))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot reach Redis at 127.0.0.1:" + closedPort);
    }
}
