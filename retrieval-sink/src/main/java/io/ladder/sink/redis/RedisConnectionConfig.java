package io.ladder.sink.redis;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * How to reach Redis: standalone or cluster, ACL user and password, TLS, timeouts, pool size.
 * Immutable and serializable (it travels inside the sink to the TaskManagers).
 *
 * <p>The password is never held here: options name the environment variable or file it comes from,
 * and it is read in {@link #connect()} on the machine that connects. {@link #toString()} therefore
 * cannot leak it.
 */
public final class RedisConnectionConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_POOL_SIZE = 8;

    /** Standalone server or Redis Cluster. */
    public enum Mode {
        STANDALONE,
        CLUSTER
    }

    private final Mode mode;
    private final List<String> nodes;
    private final String user;
    private final String passwordEnv;
    private final String passwordFile;
    private final boolean tls;
    private final boolean verifyHostname;
    private final String tlsCaCertificate;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final int poolSize;
    private final int database;
    private final String clientName;

    private RedisConnectionConfig(Builder b) {
        this.mode = b.mode;
        this.nodes = List.copyOf(b.nodes);
        this.user = b.user;
        this.passwordEnv = b.passwordEnv;
        this.passwordFile = b.passwordFile;
        this.tls = b.tls;
        this.verifyHostname = b.verifyHostname;
        this.tlsCaCertificate = b.tlsCaCertificate;
        this.connectTimeout = b.connectTimeout;
        this.socketTimeout = b.socketTimeout;
        this.poolSize = b.poolSize;
        this.database = b.database;
        this.clientName = b.clientName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Standalone server at {@code host:port} with defaults otherwise. */
    public static RedisConnectionConfig standalone(String hostAndPort) {
        return builder().standalone(hostAndPort).build();
    }

    public Mode mode() {
        return mode;
    }

    /** {@code host:port} of the server (standalone) or the seed nodes (cluster). */
    public List<String> nodes() {
        return nodes;
    }

    /** A readable address for messages: the first node, plus how many more. */
    public String address() {
        return nodes.size() == 1
                ? nodes.get(0)
                : nodes.get(0) + " (+" + (nodes.size() - 1) + " more cluster nodes)";
    }

    public String user() {
        return user;
    }

    public boolean tls() {
        return tls;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration socketTimeout() {
        return socketTimeout;
    }

    public int poolSize() {
        return poolSize;
    }

    boolean verifyHostname() {
        return verifyHostname;
    }

    String tlsCaCertificate() {
        return tlsCaCertificate;
    }

    int database() {
        return database;
    }

    String clientName() {
        return clientName;
    }

    /**
     * Opens a client (a {@link RedisClient} or {@link RedisClusterClient}) and checks with PING
     * that the server answers and accepts the credentials.
     *
     * @throws RedisStoreException saying what is wrong (unreachable, wrong credentials, missing
     *     secret) and what to change
     */
    public UnifiedJedis connect() {
        return connect(System::getenv);
    }

    UnifiedJedis connect(Function<String, String> env) {
        return JedisClientFactory.connect(this, env);
    }

    /** The password from the named variable or file, or null when none is configured. */
    String resolvePassword(Function<String, String> env) {
        return PasswordSource.resolve(passwordEnv, passwordFile, env);
    }

    /** Where the password comes from, for messages (never the password itself). */
    String passwordSource() {
        return PasswordSource.describe(passwordEnv, passwordFile);
    }

    /**
     * Turns a Jedis failure into a message that says what to do (see {@link RedisErrors}): wrong
     * credentials, missing authentication or ACL permissions, TLS and unreachable servers.
     */
    public RedisStoreException explain(Throwable e) {
        return RedisErrors.explain(e, this);
    }

    @Override
    public String toString() {
        return "RedisConnectionConfig{mode="
                + mode
                + ", nodes="
                + nodes
                + ", user="
                + (user == null ? "default" : user)
                + ", password="
                + PasswordSource.label(passwordEnv, passwordFile)
                + " (redacted)"
                + ", tls="
                + tls
                + (tlsCaCertificate != null ? ", tlsCa=" + tlsCaCertificate : "")
                + ", connectTimeout="
                + connectTimeout
                + ", socketTimeout="
                + socketTimeout
                + ", poolSize="
                + poolSize
                + (mode == Mode.STANDALONE ? ", database=" + database : "")
                + "}";
    }

    /** Builder; {@link #build()} validates and says what to fix. */
    public static final class Builder {
        private Mode mode;
        private final List<String> nodes = new ArrayList<>();
        private String user;
        private String passwordEnv;
        private String passwordFile;
        private boolean tls;
        private boolean verifyHostname = true;
        private String tlsCaCertificate;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private int poolSize = DEFAULT_POOL_SIZE;
        private int database;
        private String clientName;

        private Builder() {}

        /** A standalone server, {@code host:port}. */
        public Builder standalone(String hostAndPort) {
            this.mode = Mode.STANDALONE;
            this.nodes.clear();
            this.nodes.add(hostAndPort);
            return this;
        }

        /** A standalone server. */
        public Builder standalone(String host, int port) {
            return standalone(host + ":" + port);
        }

        /** A Redis Cluster reached through these seed nodes ({@code host:port} each). */
        public Builder cluster(List<String> seedNodes) {
            this.mode = Mode.CLUSTER;
            this.nodes.clear();
            this.nodes.addAll(seedNodes);
            return this;
        }

        /** ACL user name (Redis 6+); without it AUTH uses the default user. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** Read the password from this environment variable when connecting. */
        public Builder passwordFromEnv(String variableName) {
            this.passwordEnv = variableName;
            return this;
        }

        /** Read the password from this file (trailing whitespace stripped) when connecting. */
        public Builder passwordFromFile(String path) {
            this.passwordFile = path;
            return this;
        }

        /** TLS with the JVM's trust store ({@code javax.net.ssl.trustStore}). */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Trust only the CA certificate(s) in this PEM file for TLS instead of the JVM's trust
         * store (implies nothing unless {@link #tls(boolean) tls(true)}).
         */
        public Builder tlsCaCertificate(String pemPath) {
            this.tlsCaCertificate = pemPath;
            return this;
        }

        /** Whether TLS checks that the certificate matches the host name (default true). */
        public Builder verifyHostname(boolean verify) {
            this.verifyHostname = verify;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder socketTimeout(Duration timeout) {
            this.socketTimeout = timeout;
            return this;
        }

        /** Connections per node (the sink writer uses one at a time; readers more). */
        public Builder poolSize(int size) {
            this.poolSize = size;
            return this;
        }

        /** Logical database (standalone only; Redis Cluster has only database 0). */
        public Builder database(int database) {
            this.database = database;
            return this;
        }

        /** CLIENT SETNAME shown in CLIENT LIST. */
        public Builder clientName(String name) {
            this.clientName = name;
            return this;
        }

        public RedisConnectionConfig build() {
            ConnectionChecks.address(mode, nodes);
            ConnectionChecks.passwordSource(passwordEnv, passwordFile);
            ConnectionChecks.tls(tls, tlsCaCertificate);
            ConnectionChecks.user(user);
            ConnectionChecks.timeout("connectTimeout", connectTimeout);
            ConnectionChecks.timeout("socketTimeout", socketTimeout);
            ConnectionChecks.poolSize(poolSize);
            ConnectionChecks.database(mode, database);
            return new RedisConnectionConfig(this);
        }
    }
}
