package io.ladder.sink.store;

import io.ladder.schemas.CandidateList;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.CandidateValue;
import io.ladder.sink.redis.ConditionalPut;
import io.ladder.sink.redis.RedisConnectionConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The {@link CandidateStore} the serving tier reads: one {@code GET} per lookup, writes through the
 * same server-side sequence check as the Flink sink. Thread-safe (pooled connections).
 */
public final class RedisCandidateStore implements CandidateStore {
    private final RedisConnectionConfig connection;
    private final UnifiedJedis client;
    private final CandidateKeys keys;
    private final ConditionalPut put;
    private final Clock clock;

    private RedisCandidateStore(
            RedisConnectionConfig connection,
            UnifiedJedis client,
            CandidateKeys keys,
            Duration ttl,
            Clock clock) {
        this.connection = connection;
        this.client = client;
        this.keys = keys;
        this.put = new ConditionalPut(ttl);
        this.clock = clock;
    }

    /**
     * Connects (and checks the credentials with PING).
     *
     * @param ttl expiry set by {@link #put}; {@link Duration#ZERO} for none
     * @throws io.ladder.sink.redis.RedisStoreException saying what is wrong
     */
    public static RedisCandidateStore connect(
            RedisConnectionConfig connection, CandidateKeys keys, Duration ttl, Clock clock) {
        return new RedisCandidateStore(connection, connection.connect(), keys, ttl, clock);
    }

    /** Connects with no TTL on writes and the system clock. */
    public static RedisCandidateStore connect(
            RedisConnectionConfig connection, CandidateKeys keys) {
        return connect(connection, keys, Duration.ZERO, Clock.systemUTC());
    }

    @Override
    public boolean put(CandidateList list) {
        try {
            return put.putNow(client, keys.keyBytes(list.getUserId()), CandidateValue.encode(list));
        } catch (JedisException e) {
            throw connection.explain(e);
        }
    }

    @Override
    public Optional<StoredCandidates> topN(String userId, int n) {
        StoredLists.checkN(n);
        byte[] value;
        try {
            value = client.get(keys.keyBytes(userId));
        } catch (JedisException e) {
            throw connection.explain(e);
        }
        return value == null
                ? Optional.empty()
                : Optional.of(StoredLists.topN(CandidateValue.decode(value), n, clock));
    }

    /** The key a user's list lives under (for messages and tools). */
    public String keyOf(String userId) {
        return keys.key(userId);
    }

    @Override
    public void close() {
        client.close();
    }
}
