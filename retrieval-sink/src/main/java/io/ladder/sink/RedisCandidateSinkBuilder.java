package io.ladder.sink;

import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.RedisConnectionConfig;
import java.time.Duration;

/**
 * Builds a {@link RedisCandidateSink}. Only the connection is required; {@link #build()} checks
 * every option and says what to change.
 */
public final class RedisCandidateSinkBuilder {
    /** Lists per pipelined batch. */
    public static final int DEFAULT_BATCH_SIZE = 500;

    /**
     * Lists per script call within a batch (one EVALSHA checks and writes this many keys). Chosen
     * with {@code scripts/bench-store --keys-per-call}: see STORE.md.
     */
    public static final int DEFAULT_KEYS_PER_CALL = 50;

    /** Upper bound of {@link #setKeysPerCall}: one call blocks Redis while it runs. */
    public static final int MAX_KEYS_PER_CALL = 1000;

    /** How long a partly filled batch waits before it is sent (freshness without checkpoints). */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(20);

    /** Expiry of a user's list after its last write, so lists of departed users go away. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);

    /** Full batches queued for the I/O thread before {@code write} blocks (backpressure). */
    public static final int DEFAULT_MAX_IN_FLIGHT_BATCHES = 4;

    /** Retries of a batch after connection errors (Redis restart, failover) before failing. */
    public static final int DEFAULT_MAX_RETRIES = 12;

    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(50);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);

    RedisConnectionConfig connection;
    String keyPrefix = CandidateKeys.DEFAULT_PREFIX;
    Duration ttl = DEFAULT_TTL;
    int batchSize = DEFAULT_BATCH_SIZE;
    int keysPerCall = DEFAULT_KEYS_PER_CALL;
    Duration linger = DEFAULT_LINGER;
    int maxInFlightBatches = DEFAULT_MAX_IN_FLIGHT_BATCHES;
    int maxRetries = DEFAULT_MAX_RETRIES;
    Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    CandidateAckListener ackListener;

    RedisCandidateSinkBuilder() {}

    /** Where to write (required). */
    public RedisCandidateSinkBuilder setConnection(RedisConnectionConfig connection) {
        this.connection = connection;
        return this;
    }

    /** Key prefix; default {@link CandidateKeys#DEFAULT_PREFIX}. */
    public RedisCandidateSinkBuilder setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
        return this;
    }

    /**
     * Expiry after the last write; {@link Duration#ZERO} for none. Default {@link #DEFAULT_TTL}.
     */
    public RedisCandidateSinkBuilder setTtl(Duration ttl) {
        this.ttl = ttl;
        return this;
    }

    /** Lists per pipelined batch; default {@link #DEFAULT_BATCH_SIZE}. */
    public RedisCandidateSinkBuilder setBatchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /**
     * Lists per script call; default {@link #DEFAULT_KEYS_PER_CALL}. {@code 1} sends one call per
     * list (the write before batched calls). Under Redis Cluster only keys of one hash slot share a
     * call.
     */
    public RedisCandidateSinkBuilder setKeysPerCall(int keysPerCall) {
        this.keysPerCall = keysPerCall;
        return this;
    }

    /** Longest wait of a partly filled batch; default {@link #DEFAULT_LINGER}. */
    public RedisCandidateSinkBuilder setLinger(Duration linger) {
        this.linger = linger;
        return this;
    }

    /** Full batches queued before {@code write} blocks; default 4. */
    public RedisCandidateSinkBuilder setMaxInFlightBatches(int maxInFlightBatches) {
        this.maxInFlightBatches = maxInFlightBatches;
        return this;
    }

    /** Retries after connection errors, with exponential backoff between them. */
    public RedisCandidateSinkBuilder setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        return this;
    }

    /** Backoff before the first retry, doubling up to {@code max}. */
    public RedisCandidateSinkBuilder setRetryBackoff(Duration initial, Duration max) {
        this.initialBackoff = initial;
        this.maxBackoff = max;
        return this;
    }

    /** Called after Redis confirmed each list (optional). */
    public RedisCandidateSinkBuilder setAckListener(CandidateAckListener ackListener) {
        this.ackListener = ackListener;
        return this;
    }

    public RedisCandidateSink build() {
        if (connection == null) {
            throw new IllegalArgumentException(
                    "no Redis connection: call setConnection(RedisConnectionConfig.builder()"
                            + ".standalone(\"host:port\").build())");
        }
        CandidateKeys.withPrefix(keyPrefix); // validates
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException(
                    "TTL must be >= 0 (Duration.ZERO for no expiry), got " + ttl);
        }
        if (!ttl.isZero() && ttl.toMillis() < 1000) {
            throw new IllegalArgumentException(
                    "TTL "
                            + ttl
                            + " would expire lists before the serving tier reads them; use at"
                            + " least 1 s, or Duration.ZERO for no expiry");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException(
                    "batch size must be between 1 and 100000, got "
                            + batchSize
                            + " (default "
                            + DEFAULT_BATCH_SIZE
                            + ")");
        }
        if (keysPerCall < 1 || keysPerCall > MAX_KEYS_PER_CALL) {
            throw new IllegalArgumentException(
                    "keys per call must be between 1 and "
                            + MAX_KEYS_PER_CALL
                            + " (1 = one script call per list), got "
                            + keysPerCall
                            + " (default "
                            + DEFAULT_KEYS_PER_CALL
                            + ")");
        }
        if (linger == null
                || linger.isNegative()
                || linger.isZero()
                || linger.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(
                    "linger must be > 0 and <= 10 min (default "
                            + DEFAULT_LINGER.toMillis()
                            + " ms; lists wait at most this long before Redis sees them), got "
                            + linger);
        }
        if (maxInFlightBatches < 1) {
            throw new IllegalArgumentException(
                    "maxInFlightBatches must be >= 1, got " + maxInFlightBatches);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException(
                    "maxRetries must be >= 0 (0 fails on the first connection error), got "
                            + maxRetries);
        }
        if (initialBackoff == null
                || maxBackoff == null
                || initialBackoff.isNegative()
                || initialBackoff.isZero()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "retry backoff needs 0 < initial <= max, got initial="
                            + initialBackoff
                            + " max="
                            + maxBackoff);
        }
        return new RedisCandidateSink(this);
    }
}
