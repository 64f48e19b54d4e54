package io.ladder.sink.redis;

import javax.net.ssl.SSLHandshakeException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Jedis failures in words an operator can act on; never includes a secret. */
final class RedisErrors {
    private RedisErrors() {}

    /**
     * Turns a Jedis failure into a message that says what to do. Wrong credentials, missing
     * authentication, missing ACL permissions and unreachable servers are recognised anywhere in
     * the cause chain; anything else is wrapped with the address.
     */
    static RedisStoreException explain(Throwable e, RedisConnectionConfig config) {
        String who =
                config.user() == null ? "the default user" : "ACL user '" + config.user() + "'";
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("NOPERM")) {
                return new RedisStoreException(
                        "Redis at "
                                + config.address()
                                + " denied "
                                + who
                                + " a command or key ("
                                + firstLine(m)
                                + "): the ACL must allow GET, GETRANGE, SET, EVAL, EVALSHA and"
                                + " PING on the candidate key prefix.",
                        e);
            }
            if (m.contains("NOAUTH")) {
                return new RedisStoreException(
                        "Redis at "
                                + config.address()
                                + " requires authentication (NOAUTH) but "
                                + config.passwordSource()
                                + ": configure passwordFromEnv or passwordFromFile (and user for"
                                + " an ACL user).",
                        e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("WRONGPASS") || t instanceof JedisAccessControlException) {
                return new RedisStoreException(
                        "Redis at "
                                + config.address()
                                + " rejected the credentials of "
                                + who
                                + " ("
                                + firstLine(m)
                                + "): the password is wrong, or the user does not exist or is"
                                + " disabled (password from "
                                + config.passwordSource()
                                + "). Fix the secret or the ACL.",
                        e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return new RedisStoreException(
                        "TLS handshake with Redis at "
                                + config.address()
                                + " failed ("
                                + firstLine(String.valueOf(t.getMessage()))
                                + "): the server certificate is not trusted or does not match the"
                                + " host; set tlsCaCertificate(<CA PEM file>) or fix the"
                                + " certificate",
                        e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JedisConnectionException) {
                return new RedisStoreException(
                        "cannot reach Redis at "
                                + config.address()
                                + " (connect timeout "
                                + config.connectTimeout().toMillis()
                                + " ms, TLS "
                                + (config.tls() ? "on" : "off")
                                + "): "
                                + stripPeriod(firstLine(String.valueOf(rootCause(e).getMessage())))
                                + ". Check that redis-server runs and is reachable, and whether"
                                + " it expects TLS.",
                        e);
            }
        }
        return new RedisStoreException(
                "Redis at "
                        + config.address()
                        + " failed: "
                        + firstLine(String.valueOf(e.getMessage())),
                e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String stripPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
