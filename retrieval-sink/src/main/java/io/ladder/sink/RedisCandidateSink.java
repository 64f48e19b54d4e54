package io.ladder.sink;

import io.ladder.schemas.CandidateList;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.RedisConnectionConfig;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Publishes each user's latest {@link CandidateList} to Redis, one key per user (see {@code
 * STORE.md}). Build it with {@link #builder()}.
 *
 * <p>Writes are whole-value overwrites guarded by the list's {@code sequence} on the server, so
 * replays after a restore and out-of-order lists never replace a newer list. With the flush on
 * every checkpoint, at-least-once delivery is exactly-once in effect.
 */
public final class RedisCandidateSink implements Sink<CandidateList> {
    private static final long serialVersionUID = 1L;

    private final RedisConnectionConfig connection;
    private final CandidateKeys keys;
    private final Duration ttl;
    private final int batchSize;
    private final int keysPerCall;
    private final Duration linger;
    private final int maxInFlightBatches;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final CandidateAckListener ackListener;

    RedisCandidateSink(RedisCandidateSinkBuilder b) {
        this.connection = b.connection;
        this.keys = CandidateKeys.withPrefix(b.keyPrefix);
        this.ttl = b.ttl;
        this.batchSize = b.batchSize;
        this.keysPerCall = b.keysPerCall;
        this.linger = b.linger;
        this.maxInFlightBatches = b.maxInFlightBatches;
        this.maxRetries = b.maxRetries;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.ackListener = b.ackListener;
    }

    public static RedisCandidateSinkBuilder builder() {
        return new RedisCandidateSinkBuilder();
    }

    @Override
    public SinkWriter<CandidateList> createWriter(WriterInitContext context) throws IOException {
        int subtask = 0;
        try {
            subtask = context.getTaskInfo().getIndexOfThisSubtask();
        } catch (RuntimeException e) {
            // a test context without task info; the index only names the I/O thread
        }
        return new RedisCandidateWriter(this, context.metricGroup(), subtask);
    }

    RedisConnectionConfig connection() {
        return connection;
    }

    CandidateKeys keys() {
        return keys;
    }

    Duration ttl() {
        return ttl;
    }

    int batchSize() {
        return batchSize;
    }

    int keysPerCall() {
        return keysPerCall;
    }

    Duration linger() {
        return linger;
    }

    int maxInFlightBatches() {
        return maxInFlightBatches;
    }

    int maxRetries() {
        return maxRetries;
    }

    Duration initialBackoff() {
        return initialBackoff;
    }

    Duration maxBackoff() {
        return maxBackoff;
    }

    CandidateAckListener ackListener() {
        return ackListener;
    }

    @Override
    public String toString() {
        return "RedisCandidateSink{"
                + connection
                + ", "
                + keys
                + ", ttl="
                + ttl
                + ", batchSize="
                + batchSize
                + ", keysPerCall="
                + keysPerCall
                + ", linger="
                + linger
                + "}";
    }
}
