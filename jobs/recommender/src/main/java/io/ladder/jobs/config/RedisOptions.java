package io.ladder.jobs.config;

import io.ladder.sink.CandidateAckListener;
import io.ladder.sink.RedisCandidateSinkBuilder;
import io.ladder.sink.redis.RedisConnectionConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The job's {@code redis.*} options: the connection and the candidate sink's settings. Secrets are
 * never options: {@code redis.password-env} names an environment variable and {@code
 * redis.password-file} a file.
 */
public final class RedisOptions {
    public static final String DEFAULT_ADDRESS = "localhost:6379";
    static final Set<String> KEYS =
            Set.of(
                    "address",
                    "cluster-nodes",
                    "user",
                    "password-env",
                    "password-file",
                    "tls",
                    "verify-hostname",
                    "connect-timeout",
                    "socket-timeout",
                    "pool-size",
                    "database",
                    "key-prefix",
                    "ttl",
                    "batch-size",
                    "keys-per-call",
                    "linger",
                    "max-in-flight",
                    "max-retries");

    private RedisOptions() {}

    public static RedisConnectionConfig connection(Map<String, String> options) {
        checkKeys(options);
        RedisConnectionConfig.Builder b = RedisConnectionConfig.builder();
        String cluster = options.get("cluster-nodes");
        if (cluster != null) {
            b.cluster(Arrays.stream(cluster.split(",")).map(String::trim).toList());
        } else {
            b.standalone(options.getOrDefault("address", DEFAULT_ADDRESS));
        }
        apply(options, "user", b::user);
        apply(options, "password-env", b::passwordFromEnv);
        apply(options, "password-file", b::passwordFromFile);
        apply(options, "tls", v -> b.tls(Boolean.parseBoolean(v)));
        apply(options, "verify-hostname", v -> b.verifyHostname(Boolean.parseBoolean(v)));
        apply(options, "connect-timeout", v -> b.connectTimeout(duration(v)));
        apply(options, "socket-timeout", v -> b.socketTimeout(duration(v)));
        apply(options, "pool-size", v -> b.poolSize(Integer.parseInt(v)));
        apply(options, "database", v -> b.database(Integer.parseInt(v)));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("redis options: " + e.getMessage(), e);
        }
    }

    /**
     * Applies the sink options to {@code b}. The job builds the sink from it ({@code RedisSinks});
     * the core has no Flink, so it never calls {@code build()} itself.
     */
    public static RedisCandidateSinkBuilder configure(
            RedisCandidateSinkBuilder b, Map<String, String> options, CandidateAckListener acks) {
        b.setConnection(connection(options));
        apply(options, "key-prefix", b::setKeyPrefix);
        apply(options, "ttl", v -> b.setTtl(duration(v)));
        apply(options, "batch-size", v -> b.setBatchSize(Integer.parseInt(v)));
        apply(options, "keys-per-call", v -> b.setKeysPerCall(Integer.parseInt(v)));
        apply(options, "linger", v -> b.setLinger(duration(v)));
        apply(options, "max-in-flight", v -> b.setMaxInFlightBatches(Integer.parseInt(v)));
        apply(options, "max-retries", v -> b.setMaxRetries(Integer.parseInt(v)));
        if (acks != null) {
            b.setAckListener(acks);
        }
        return b;
    }

    /** The list TTL in Redis (for checking it against the user inactivity TTL). */
    public static Duration ttl(Map<String, String> options) {
        String v = options.get("ttl");
        return v == null ? RedisCandidateSinkBuilder.DEFAULT_TTL : duration(v);
    }

    private static void checkKeys(Map<String, String> options) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown redis option(s) "
                            + unknown.stream().map(k -> "redis." + k).toList()
                            + "; known: redis."
                            + String.join(", redis.", new TreeSet<>(KEYS)));
        }
    }

    private static void apply(
            Map<String, String> options, String key, java.util.function.Consumer<String> setter) {
        String value = options.get(key);
        if (value == null) {
            return;
        }
        try {
            setter.accept(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "--redis." + key + ": cannot use '" + value + "' (" + e.getMessage() + ")", e);
        }
    }

    private static Duration duration(String value) {
        return Durations.parse(value);
    }
}
