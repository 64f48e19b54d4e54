package io.ladder.sink.redis;

import java.util.LinkedHashSet;
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
 * Opens the Jedis client a {@link RedisConnectionConfig} describes, on the machine that connects
 * (the config itself only travels): resolves the password there, applies timeouts, TLS and the
 * pool, and checks with PING that the server answers and accepts the credentials.
 */
final class JedisClientFactory {
    private JedisClientFactory() {}

    /**
     * A {@link RedisClient} or {@link RedisClusterClient} that answered PING; closed again if it
     * did not.
     *
     * @param env reads an environment variable (the password's, if it comes from one)
     * @throws RedisStoreException saying what is wrong and what to change
     */
    static UnifiedJedis connect(RedisConnectionConfig config, Function<String, String> env) {
        DefaultJedisClientConfig clientConfig = clientConfig(config, config.resolvePassword(env));
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(config.poolSize());
        pool.setMaxIdle(config.poolSize());
        pool.setMinIdle(0);
        UnifiedJedis client = null;
        try {
            if (config.mode() == RedisConnectionConfig.Mode.CLUSTER) {
                Set<HostAndPort> seeds = new LinkedHashSet<>();
                for (String node : config.nodes()) {
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
                                .hostAndPort(HostAndPort.from(config.nodes().get(0)))
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
            throw config.explain(e);
        }
    }

    private static DefaultJedisClientConfig clientConfig(
            RedisConnectionConfig config, String password) {
        boolean tls = config.tls();
        DefaultJedisClientConfig.Builder b =
                DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(
                                Math.toIntExact(config.connectTimeout().toMillis()))
                        .socketTimeoutMillis(Math.toIntExact(config.socketTimeout().toMillis()))
                        .resp2()
                        .ssl(tls);
        if (config.user() != null) {
            b.user(config.user());
        }
        if (password != null) {
            b.password(password);
        }
        if (config.mode() == RedisConnectionConfig.Mode.STANDALONE && config.database() != 0) {
            b.database(config.database());
        }
        if (config.clientName() != null) {
            b.clientName(config.clientName());
        }
        if (tls && config.tlsCaCertificate() != null) {
            b.sslSocketFactory(TlsTrust.trusting(config.tlsCaCertificate()));
        }
        if (tls && config.verifyHostname()) {
            SSLParameters params = new SSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            b.sslParameters(params);
        }
        return b.build();
    }
}
