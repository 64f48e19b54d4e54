package io.ladder.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.sink.testing.RedisServerExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The batch script against a real redis-server: per key the same outcome as {@link ConditionalPut},
 * whatever else the call carries.
 */
class ConditionalBatchPutITCase {
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static RedisClient raw;

    private final ConditionalBatchPut batch = new ConditionalBatchPut(TTL);
    private final ConditionalPut single = new ConditionalPut(TTL);
    private String prefix;

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
        prefix = "b" + PREFIXES.incrementAndGet() + ":";
    }

    private byte[] key(String name) {
        return (prefix + name).getBytes(StandardCharsets.UTF_8);
    }

    /** A value in the stored layout: version byte, sequence, then a payload naming the writer. */
    private static byte[] value(long sequence, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(CandidateValue.HEADER_LENGTH + body.length)
                .put(CandidateValue.FORMAT_V1)
                .putLong(sequence)
                .put(body)
                .array();
    }

    private List<Object> putAll(List<byte[]> keys, List<byte[]> values) {
        return new ArrayList<>(batch.putAllNow(raw, keys, values));
    }

    @Test
    void writesOnlyKeysWhoseSequenceIsNewer() {
        for (String user : List.of("newer", "older", "equal")) {
            single.putNow(raw, key(user), value(5, "first-" + user));
        }
        List<byte[]> keys = List.of(key("newer"), key("older"), key("equal"), key("absent"));
        List<byte[]> values = List.of(value(6, "n"), value(4, "o"), value(5, "e"), value(1, "a"));

        List<Object> replies = putAll(keys, values);

        assertThat(replies).containsExactly(1L, 0L, 0L, 1L);
        assertThat(raw.get(key("newer"))).isEqualTo(value(6, "n"));
        assertThat(raw.get(key("older"))).isEqualTo(value(5, "first-older"));
        assertThat(raw.get(key("equal"))).isEqualTo(value(5, "first-equal"));
        assertThat(raw.get(key("absent"))).isEqualTo(value(1, "a"));
    }

    @Test
    void duplicateKeyInOneCallKeepsTheHighestSequenceInAnyOrder() {
        List<Object> rising =
                putAll(
                        List.of(key("d1"), key("d1"), key("d1")),
                        List.of(value(3, "3"), value(5, "5"), value(4, "4")));
        List<Object> falling =
                putAll(List.of(key("d2"), key("d2")), List.of(value(5, "5"), value(3, "3")));

        assertThat(rising).containsExactly(1L, 1L, 0L);
        assertThat(raw.get(key("d1"))).isEqualTo(value(5, "5"));
        assertThat(falling).containsExactly(1L, 0L);
        assertThat(raw.get(key("d2"))).isEqualTo(value(5, "5"));
    }

    @Test
    void keyOfAnotherTypeFailsAloneAndTheOthersAreWritten() {
        raw.rpush(prefix + "list", "x");

        List<Object> replies =
                putAll(
                        List.of(key("before"), key("list"), key("after")),
                        List.of(value(1, "b"), value(1, "l"), value(1, "a")));

        assertThat(replies.get(0)).isEqualTo(1L);
        assertThat(replies.get(1))
                .isInstanceOf(JedisDataException.class)
                .extracting(e -> ((Exception) e).getMessage())
                .asString()
                .startsWith("WRONGTYPE");
        assertThat(replies.get(2)).isEqualTo(1L);
        assertThat(raw.get(key("after"))).isEqualTo(value(1, "a"));
    }

    @Test
    void ttlIsSetOnWrittenKeysAndRefusedKeysAreUntouched() {
        raw.set(key("kept"), value(9, "kept"));
        new ConditionalBatchPut(Duration.ZERO)
                .putAllNow(raw, List.of(key("forever")), List.of(value(1, "f")));

        putAll(List.of(key("kept"), key("fresh")), List.of(value(2, "k"), value(2, "f")));

        assertThat(raw.pttl(key("kept"))).as("refused: no TTL added").isEqualTo(-1L);
        assertThat(raw.pttl(key("fresh"))).isBetween(1L, TTL.toMillis());
        assertThat(raw.pttl(key("forever"))).as("Duration.ZERO: no expiry").isEqualTo(-1L);
    }

    @Test
    void flushedScriptCacheFallsBackToEvalAndCachesTheScriptAgain() {
        putAll(List.of(key("a")), List.of(value(1, "1")));
        raw.scriptFlush();

        List<Object> replies =
                putAll(List.of(key("a"), key("b")), List.of(value(2, "2"), value(1, "1")));

        assertThat(replies).containsExactly(1L, 1L);
        assertThat(raw.get(key("a"))).isEqualTo(value(2, "2"));
        assertThat(raw.scriptExists(List.of(ConditionalBatchPut.sha1()))).containsExactly(true);
    }

    /**
     * Random stored states and new sequences, one key each: the single-key script on one prefix,
     * calls of several keys on another, then replies, values and TTLs compared key by key.
     */
    @Test
    void agreesWithTheSingleKeyScriptOnRandomStates() {
        // sequences sharing high bytes, so the byte-by-byte unsigned comparison is exercised
        long[] sequences = {
            0,
            1,
            2,
            255,
            256,
            257,
            65_535,
            65_536,
            4_294_967_295L,
            4_294_967_296L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            -2,
            -1
        };
        SplittableRandom random = new SplittableRandom(11);
        int n = 400;
        List<byte[]> singleKeys = new ArrayList<>();
        List<byte[]> batchKeys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] s = key("s" + i);
            byte[] b = key("b" + i);
            int state = random.nextInt(6);
            long stored = sequences[random.nextInt(sequences.length)];
            for (byte[] k : List.of(s, b)) {
                switch (state) {
                    case 0 -> {} // absent
                    case 1 -> raw.set(k, value(stored, "old"));
                    case 2 -> raw.set(k, "short".getBytes(StandardCharsets.UTF_8));
                    case 3 -> { // 9+ bytes in another layout (version 2)
                        byte[] v = value(stored, "v2");
                        v[0] = 2;
                        raw.set(k, v);
                    }
                    case 4 -> raw.rpush(k, "x".getBytes(StandardCharsets.UTF_8));
                    default -> raw.psetex(k, 3_600_000L, value(stored, "ttl"));
                }
            }
            singleKeys.add(s);
            batchKeys.add(b);
            values.add(value(sequences[random.nextInt(sequences.length)], "new" + i));
        }

        List<Object> singleReplies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                singleReplies.add(single.putNow(raw, singleKeys.get(i), values.get(i)));
            } catch (JedisDataException e) {
                singleReplies.add(errorCode(e));
            }
        }
        List<Object> batchReplies = new ArrayList<>();
        for (int from = 0; from < n; from += 7) {
            int to = Math.min(n, from + 7);
            for (Object r : putAll(batchKeys.subList(from, to), values.subList(from, to))) {
                batchReplies.add(
                        r instanceof JedisDataException e
                                ? errorCode(e)
                                : ConditionalPut.written(r));
            }
        }

        assertThat(batchReplies).containsExactlyElementsOf(singleReplies);
        assertThat(singleReplies).contains(true, false, "WRONGTYPE");
        for (int i = 0; i < n; i++) {
            byte[] s = singleKeys.get(i);
            byte[] b = batchKeys.get(i);
            assertThat(raw.type(b)).as("type %d", i).isEqualTo(raw.type(s));
            if (raw.type(s).equals("string")) {
                assertThat(raw.get(b)).as("value %d", i).isEqualTo(raw.get(s));
            }
            assertThat(ttlKind(raw.pttl(b))).as("ttl %d", i).isEqualTo(ttlKind(raw.pttl(s)));
        }
    }

    private static String errorCode(JedisDataException e) {
        String m = String.valueOf(e.getMessage());
        int space = m.indexOf(' ');
        return space < 0 ? m : m.substring(0, space);
    }

    /** -2 absent, -1 no expiry, 1 the put's TTL (<= 60 s), 2 an older, longer TTL. */
    private static int ttlKind(long pttl) {
        if (pttl < 0) {
            return (int) pttl;
        }
        return pttl <= TTL.toMillis() ? 1 : 2;
    }
}
