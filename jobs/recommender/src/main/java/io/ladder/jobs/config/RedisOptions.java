package io.ladder.jobs.config;

import io.ladder.sink.CandidateAckListener;
import io.ladder.sink.RedisCandidateSinkBuilder;
import io.ladder.sink.redis.RedisConnectionConfig;
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

    /**
     * Parses the {@code redis.*} options (without the prefix).
     *
     * @throws IllegalArgumentException naming the option that is wrong or unknown
     */
    public static RedisSettings parse(Map<String, String> options) {
        checkKeys(options);
        return new RedisSettings(
                connection(options),
                value(options, "key-prefix", v -> v),
                options.containsKey("ttl")
                        ? value(options, "ttl", Durations::parse)
                        : RedisCandidateSinkBuilder.DEFAULT_TTL,
                value(options, "batch-size", Integer::valueOf),
                value(options, "keys-per-call", Integer::valueOf),
                value(options, "linger", Durations::parse),
                value(options, "max-in-flight", Integer::valueOf),
                value(options, "max-retries", Integer::valueOf));
    }

    /**
     * Applies the settings to {@code b} (whose setters check the ranges). The job builds the sink
     * from it ({@code RedisSinks}); the core has no Flink, so it never calls {@code build()}.
     */
    public static RedisCandidateSinkBuilder configure(
            RedisCandidateSinkBuilder b, RedisSettings settings, CandidateAckListener acks) {
        b.setConnection(settings.connection());
        b.setTtl(settings.ttl());
        if (settings.keyPrefix() != null) {
            b.setKeyPrefix(settings.keyPrefix());
        }
        if (settings.batchSize() != null) {
            b.setBatchSize(settings.batchSize());
        }
        if (settings.keysPerCall() != null) {
            b.setKeysPerCall(settings.keysPerCall());
        }
        if (settings.linger() != null) {
            b.setLinger(settings.linger());
        }
        if (settings.maxInFlightBatches() != null) {
            b.setMaxInFlightBatches(settings.maxInFlightBatches());
        }
        if (settings.maxRetries() != null) {
            b.setMaxRetries(settings.maxRetries());
        }
        if (acks != null) {
            b.setAckListener(acks);
        }
        return b;
    }

    private static RedisConnectionConfig connection(Map<String, String> options) {
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
        apply(options, "connect-timeout", v -> b.connectTimeout(Durations.parse(v)));
        apply(options, "socket-timeout", v -> b.socketTimeout(Durations.parse(v)));
        apply(options, "pool-size", v -> b.poolSize(Integer.parseInt(v)));
        apply(options, "database", v -> b.database(Integer.parseInt(v)));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("redis options: " + e.getMessage(), e);
        }
    }

    private static <T> T value(
            Map<String, String> options, String key, java.util.function.Function<String, T> parse) {
        String value = options.get(key);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "--redis." + key + ": cannot use '" + value + "' (" + e.getMessage() + ")", e);
        }
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
}
