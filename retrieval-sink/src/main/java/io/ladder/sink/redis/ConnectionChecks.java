package io.ladder.sink.redis;

import java.time.Duration;
import java.util.List;

/**
 * The checks {@link RedisConnectionConfig.Builder#build()} makes, each failing with an {@link
 * IllegalArgumentException} that says what to change. The builder calls them in a fixed order, so
 * the first setting wrong is the one reported.
 */
final class ConnectionChecks {
    private ConnectionChecks() {}

    /** A mode is chosen and every node is {@code host:port}. */
    static void address(RedisConnectionConfig.Mode mode, List<String> nodes) {
        if (mode == null || nodes.isEmpty()) {
            throw new IllegalArgumentException(
                    "no Redis address: call standalone(\"host:port\") or"
                            + " cluster(List.of(\"host:port\", ...))");
        }
        for (String node : nodes) {
            hostAndPort(node);
        }
    }

    static void hostAndPort(String node) {
        int colon = node == null ? -1 : node.lastIndexOf(':');
        boolean ok = colon > 0 && colon < node.length() - 1;
        if (ok) {
            try {
                int port = Integer.parseInt(node.substring(colon + 1));
                ok = port > 0 && port < 65536;
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException(
                    "Redis address '" + node + "' is not host:port, e.g. 127.0.0.1:6379");
        }
    }

    /** At most one password source, and a named one. */
    static void passwordSource(String variable, String file) {
        if (variable != null && file != null) {
            throw new IllegalArgumentException(
                    "the Redis password comes from either an environment variable or a file,"
                            + " not both: drop passwordFromEnv or passwordFromFile");
        }
        if (variable != null && variable.isBlank()) {
            throw new IllegalArgumentException(
                    "passwordFromEnv needs the variable's name, e.g. LADDER_REDIS_PASSWORD");
        }
        if (file != null && file.isBlank()) {
            throw new IllegalArgumentException("passwordFromFile needs a file path");
        }
    }

    static void tls(boolean tls, String caCertificate) {
        if (caCertificate != null && !tls) {
            throw new IllegalArgumentException(
                    "tlsCaCertificate is set but TLS is off: add tls(true)");
        }
    }

    static void user(String user) {
        if (user != null && user.isBlank()) {
            throw new IllegalArgumentException("ACL user name must not be blank");
        }
    }

    /** Positive and within Jedis' int milliseconds. */
    static void timeout(String name, Duration timeout) {
        if (timeout == null
                || timeout.isNegative()
                || timeout.isZero()
                || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    name + " must be a positive duration (e.g. 2 s), got " + timeout);
        }
    }

    static void poolSize(int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be >= 1, got " + poolSize);
        }
    }

    /** Not negative, and only 0 in a cluster. */
    static void database(RedisConnectionConfig.Mode mode, int database) {
        if (database < 0) {
            throw new IllegalArgumentException("database must be >= 0, got " + database);
        }
        if (mode == RedisConnectionConfig.Mode.CLUSTER && database != 0) {
            throw new IllegalArgumentException(
                    "Redis Cluster has only database 0: remove database(" + database + ")");
        }
    }
}
