package io.ladder.sink.redis;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
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
        DefaultJedisClientConfig clientConfig = clientConfig(resolvePassword(env));
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        UnifiedJedis client = null;
        try {
            if (mode == Mode.CLUSTER) {
                Set<HostAndPort> seeds = new LinkedHashSet<>();
                for (String node : nodes) {
                    seeds.add(HostAndPort.from(node));
                }
                client =
                        RedisClusterClient.builder()
                                .nodes(seeds)
                                .clientConfig(clientConfig)
                                .poolConfig(pool)
                                .build();
            } else {
                client =
                        RedisClient.builder()
                                .hostAndPort(HostAndPort.from(nodes.get(0)))
                                .clientConfig(clientConfig)
                                .poolConfig(pool)
                                .build();
            }
            client.ping();
            return client;
        } catch (RuntimeException e) {
            if (client != null) {
                try {
                    client.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw explain(e);
        }
    }

    private DefaultJedisClientConfig clientConfig(String password) {
        DefaultJedisClientConfig.Builder b =
                DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(Math.toIntExact(connectTimeout.toMillis()))
                        .socketTimeoutMillis(Math.toIntExact(socketTimeout.toMillis()))
                        .resp2()
                        .ssl(tls);
        if (user != null) {
            b.user(user);
        }
        if (password != null) {
            b.password(password);
        }
        if (mode == Mode.STANDALONE && database != 0) {
            b.database(database);
        }
        if (clientName != null) {
            b.clientName(clientName);
        }
        if (tls && tlsCaCertificate != null) {
            b.sslSocketFactory(TlsTrust.trusting(tlsCaCertificate));
        }
        if (tls && verifyHostname) {
            SSLParameters params = new SSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            b.sslParameters(params);
        }
        return b.build();
    }

    /** The password from the named variable or file, or null when none is configured. */
    String resolvePassword(Function<String, String> env) {
        if (passwordEnv != null) {
            String value = env.apply(passwordEnv);
            if (value == null || value.isEmpty()) {
                throw new RedisStoreException(
                        "the Redis password should come from environment variable "
                                + passwordEnv
                                + ", which is not set (or empty) on this machine; export it"
                                + " where the job and the serving tier run");
            }
            return value;
        }
        if (passwordFile != null) {
            try {
                String value = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8);
                value = value.strip();
                if (value.isEmpty()) {
                    throw new RedisStoreException(
                            "the Redis password file " + passwordFile + " is empty");
                }
                return value;
            } catch (IOException e) {
                throw new RedisStoreException(
                        "cannot read the Redis password file "
                                + passwordFile
                                + " ("
                                + e.getClass().getSimpleName()
                                + "); mount the secret there or point the option at it",
                        e);
            }
        }
        return null;
    }

    /** Where the password comes from, for messages (never the password itself). */
    String passwordSource() {
        if (passwordEnv != null) {
            return "environment variable " + passwordEnv;
        }
        if (passwordFile != null) {
            return "file " + passwordFile;
        }
        return "no password configured";
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
                + (passwordEnv != null
                        ? "env:" + passwordEnv
                        : passwordFile != null ? "file:" + passwordFile : "none")
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
            if (mode == null || nodes.isEmpty()) {
                throw new IllegalArgumentException(
                        "no Redis address: call standalone(\"host:port\") or"
                                + " cluster(List.of(\"host:port\", ...))");
            }
            for (String node : nodes) {
                checkHostAndPort(node);
            }
            if (passwordEnv != null && passwordFile != null) {
                throw new IllegalArgumentException(
                        "the Redis password comes from either an environment variable or a file,"
                                + " not both: drop passwordFromEnv or passwordFromFile");
            }
            if (passwordEnv != null && passwordEnv.isBlank()) {
                throw new IllegalArgumentException(
                        "passwordFromEnv needs the variable's name, e.g. LADDER_REDIS_PASSWORD");
            }
            if (passwordFile != null && passwordFile.isBlank()) {
                throw new IllegalArgumentException("passwordFromFile needs a file path");
            }
            if (tlsCaCertificate != null && !tls) {
                throw new IllegalArgumentException(
                        "tlsCaCertificate is set but TLS is off: add tls(true)");
            }
            if (user != null && user.isBlank()) {
                throw new IllegalArgumentException("ACL user name must not be blank");
            }
            checkTimeout("connectTimeout", connectTimeout);
            checkTimeout("socketTimeout", socketTimeout);
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be >= 1, got " + poolSize);
            }
            if (database < 0) {
                throw new IllegalArgumentException("database must be >= 0, got " + database);
            }
            if (mode == Mode.CLUSTER && database != 0) {
                throw new IllegalArgumentException(
                        "Redis Cluster has only database 0: remove database(" + database + ")");
            }
            return new RedisConnectionConfig(this);
        }

        private static void checkHostAndPort(String node) {
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

        private static void checkTimeout(String name, Duration timeout) {
            if (timeout == null
                    || timeout.isNegative()
                    || timeout.isZero()
                    || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        name + " must be a positive duration (e.g. 2 s), got " + timeout);
            }
        }
    }
}
