package io.ladder.jobs.pipeline;

import io.ladder.jobs.config.RedisOptions;
import io.ladder.jobs.config.RedisSettings;
import io.ladder.sink.CandidateAckListener;
import io.ladder.sink.RedisCandidateSink;
import io.ladder.sink.RedisCandidateSinkBuilder;

/** The candidate sink built from the job's {@code redis.*} options. */
public final class RedisSinks {
    private RedisSinks() {}

    public static RedisCandidateSink toSink(RedisSettings options) {
        return toSink(options, null);
    }

    public static RedisCandidateSink toSink(RedisSettings options, CandidateAckListener acks) {
        RedisCandidateSinkBuilder b =
                RedisOptions.configure(RedisCandidateSink.builder(), options, acks);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("redis options: " + e.getMessage(), e);
        }
    }
}
