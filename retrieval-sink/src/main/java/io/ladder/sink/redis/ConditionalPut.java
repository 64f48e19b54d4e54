package io.ladder.sink.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The server-side "never replace a newer list" write: a Lua script that compares the 8-byte
 * sequence in the stored value's header with the new one and writes only when the new one is
 * strictly higher. Run with EVALSHA; callers fall back to EVAL (which also caches the script) on
 * NOSCRIPT, e.g. after a Redis restart or on a cluster node that never saw the script.
 *
 * <p>KEYS[1] = the user's key, ARGV[1] = the value ({@link CandidateValue}), ARGV[2] = TTL in ms (0
 * = no expiry). Returns 1 when written, 0 when the stored list has an equal or higher sequence. A
 * stored value in another layout is overwritten; a key of another type fails with WRONGTYPE.
 *
 * <p>{@link ConditionalBatchPut} is the same write for several keys in one call; the sink uses it
 * for chunks of two or more keys and this script for single keys and {@link #putNow}.
 */
public final class ConditionalPut {
    /** Reply of the script when the value was written. */
    public static final long WRITTEN = 1L;

    public static final String SCRIPT =
            """
            local cur = redis.call('GETRANGE', KEYS[1], 0, 8)
            if string.len(cur) == 9 and string.byte(cur, 1) == 1 then
              local new = ARGV[1]
              for i = 2, 9 do
                local a, b = string.byte(cur, i), string.byte(new, i)
                if a > b then return 0 end
                if a < b then break end
                if i == 9 then return 0 end
              end
            end
            local ttl = tonumber(ARGV[2])
            if ttl > 0 then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
            else
              redis.call('SET', KEYS[1], ARGV[1])
            end
            return 1
            """;

    private static final byte[] SCRIPT_BYTES = SCRIPT.getBytes(StandardCharsets.UTF_8);
    private static final byte[] SHA = sha1Hex(SCRIPT_BYTES).getBytes(StandardCharsets.US_ASCII);

    private final byte[] ttlArg;

    /** A put that sets {@code ttl} on every written key ({@link Duration#ZERO}: no expiry). */
    public ConditionalPut(Duration ttl) {
        this.ttlArg = ttlArg(ttl);
    }

    /** The TTL argument both scripts take: milliseconds as ASCII digits, 0 for no expiry. */
    static byte[] ttlArg(Duration ttl) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("TTL must not be negative: " + ttl);
        }
        return Long.toString(ttl.toMillis()).getBytes(StandardCharsets.US_ASCII);
    }

    /** Queues the write with EVALSHA. */
    public Response<Object> queue(AbstractPipeline pipeline, byte[] key, byte[] value) {
        return pipeline.evalsha(SHA, 1, key, value, ttlArg);
    }

    /** Queues the write with EVAL (after NOSCRIPT). */
    public Response<Object> queueEval(AbstractPipeline pipeline, byte[] key, byte[] value) {
        return pipeline.eval(SCRIPT_BYTES, 1, key, value, ttlArg);
    }

    /** Writes now, falling back to EVAL on NOSCRIPT. Returns whether the value was written. */
    public boolean putNow(UnifiedJedis client, byte[] key, byte[] value) {
        Object reply;
        try {
            reply = client.evalsha(SHA, 1, key, value, ttlArg);
        } catch (JedisDataException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            reply = client.eval(SCRIPT_BYTES, 1, key, value, ttlArg);
        }
        return written(reply);
    }

    /** Whether a script reply means the value was written. */
    public static boolean written(Object reply) {
        return reply instanceof Long n && n == WRITTEN;
    }

    /** Whether an error reply is NOSCRIPT (the server does not have the script cached). */
    public static boolean isNoScript(Throwable e) {
        return e instanceof JedisNoScriptException
                || (e instanceof JedisDataException
                        && e.getMessage() != null
                        && e.getMessage().startsWith("NOSCRIPT"));
    }

    static String sha1Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
