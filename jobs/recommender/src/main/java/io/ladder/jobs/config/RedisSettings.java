package io.ladder.jobs.config;

import io.ladder.sink.redis.RedisConnectionConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * The job's {@code redis.*} options, parsed once ({@link RedisOptions#parse}): the connection and
 * the candidate sink's settings. A null setting was not given: the sink builder's default applies,
 * the one source of those defaults.
 *
 * @param ttl the list TTL, resolved to the sink's default when not given (it is checked against the
 *     user inactivity TTL)
 */
public record RedisSettings(
        RedisConnectionConfig connection,
        String keyPrefix,
        Duration ttl,
        Integer batchSize,
        Integer keysPerCall,
        Duration linger,
        Integer maxInFlightBatches,
        Integer maxRetries)
        implements Serializable {}
