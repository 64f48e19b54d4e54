package io.ladder.sink.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * {@link ConditionalPut} for several keys in one script call, so Redis pays the script call once
 * per chunk of keys instead of once per list. Each key gets exactly the single-key check, in
 * argument order: written only when the new sequence is strictly higher than the stored one (a
 * stored value in another layout is overwritten), SET with PX ttl. A key named twice is checked
 * against what the earlier occurrence wrote, so the highest sequence wins in any order. Run with
 * EVALSHA; callers fall back to EVAL on NOSCRIPT.
 *
 * <p>KEYS[1..n] = the users' keys, ARGV[1..n] = their values ({@link CandidateValue}), ARGV[n+1] =
 * TTL in ms (0 = no expiry). Returns an array of n elements: 1 where written, 0 where the stored
 * list has an equal or higher sequence, or the error reply of that key's command (WRONGTYPE for a
 * key of another type, OOM...). A failing key does not stop the others, as with one call per key.
 * Under Redis Cluster all keys of one call must hash to the same slot (the caller groups them).
 */
public final class ConditionalBatchPut {
    public static final String SCRIPT =
            """
            local n = #KEYS
            local ttl = ARGV[n + 1]
            local expire = tonumber(ttl) > 0
            local byte = string.byte
            local replies = {}
            for k = 1, n do
              local key, new = KEYS[k], ARGV[k]
              local put = 1
              local cur = redis.pcall('GETRANGE', key, 0, 8)
              if type(cur) == 'table' then
                put = cur
              elseif string.len(cur) == 9 and byte(cur, 1) == 1 then
                for i = 2, 9 do
                  local a, b = byte(cur, i), byte(new, i)
                  if a > b then put = 0 break end
                  if a < b then break end
                  if i == 9 then put = 0 end
                end
              end
              if put == 1 then
                local r
                if expire then
                  r = redis.pcall('SET', key, new, 'PX', ttl)
                else
                  r = redis.pcall('SET', key, new)
                end
                if r.err then put = r end
              end
              replies[k] = put
            end
            return replies
            """;

    private static final byte[] SCRIPT_BYTES = SCRIPT.getBytes(StandardCharsets.UTF_8);
    private static final byte[] SHA =
            ConditionalPut.sha1Hex(SCRIPT_BYTES).getBytes(StandardCharsets.US_ASCII);

    private final byte[] ttlArg;

    /** The script's SHA-1, as EVALSHA names it. */
    public static String sha1() {
        return new String(SHA, StandardCharsets.US_ASCII);
    }

    /** A put that sets {@code ttl} on every written key ({@link Duration#ZERO}: no expiry). */
    public ConditionalBatchPut(Duration ttl) {
        this.ttlArg = ConditionalPut.ttlArg(ttl);
    }

    /** Queues one EVALSHA writing {@code values.get(i)} to {@code keys.get(i)} for every i. */
    public Response<Object> queue(
            AbstractPipeline pipeline, List<byte[]> keys, List<byte[]> values) {
        return pipeline.evalsha(SHA, keys.size(), args(keys, values));
    }

    /** Queues the same call with EVAL (after NOSCRIPT). */
    public Response<Object> queueEval(
            AbstractPipeline pipeline, List<byte[]> keys, List<byte[]> values) {
        return pipeline.eval(SCRIPT_BYTES, keys.size(), args(keys, values));
    }

    /**
     * Writes now, falling back to EVAL on NOSCRIPT.
     *
     * @return one element per key, see {@link #replies}
     */
    public List<?> putAllNow(UnifiedJedis client, List<byte[]> keys, List<byte[]> values) {
        byte[][] args = args(keys, values);
        Object reply;
        try {
            reply = client.evalsha(SHA, keys.size(), args);
        } catch (JedisDataException e) {
            if (!ConditionalPut.isNoScript(e)) {
                throw e;
            }
            reply = client.eval(SCRIPT_BYTES, keys.size(), args);
        }
        return replies(reply, keys.size());
    }

    /**
     * The per-key elements of a reply for {@code n} keys: each is written ({@link
     * ConditionalPut#written}) or not, or a {@link JedisDataException} with that key's error reply.
     *
     * @throws IllegalStateException if the reply is not an array of n elements (not this script)
     */
    public static List<?> replies(Object reply, int n) {
        if (reply instanceof List<?> replies && replies.size() == n) {
            return replies;
        }
        throw new IllegalStateException(
                "unexpected reply of the batch write script for "
                        + n
                        + " keys: "
                        + (reply instanceof List<?> l ? l.size() + " elements" : reply));
    }

    private byte[][] args(List<byte[]> keys, List<byte[]> values) {
        int n = keys.size();
        if (n == 0 || values.size() != n) {
            throw new IllegalArgumentException(
                    "need as many values as keys, at least one: " + n + " / " + values.size());
        }
        byte[][] args = new byte[2 * n + 1][];
        for (int i = 0; i < n; i++) {
            args[i] = keys.get(i);
            args[n + i] = values.get(i);
        }
        args[2 * n] = ttlArg;
        return args;
    }
}
