package io.ladder.sink;

import io.ladder.sink.redis.ConditionalBatchPut;
import io.ladder.sink.redis.ConditionalPut;
import io.ladder.sink.redis.RedisConnectionConfig;
import io.ladder.sink.redis.RedisStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The Redis side of {@link RedisCandidateWriter}: sends a batch as pipelined conditional writes of
 * up to {@code keysPerCall} lists per script call ({@link ConditionalBatchPut}; a call of one key
 * uses {@link ConditionalPut}), EVALSHA first, then EVAL for the calls whose node lacked the
 * script. Retries connection errors and transient replies (LOADING, MOVED, TRYAGAIN...) with
 * exponential backoff, and acknowledges each answered list to the metrics and the listener. Replays
 * are harmless: the server keeps the higher sequence. Used from one thread at a time.
 *
 * <p>Under Redis Cluster the keys of one call must share a hash slot, so the batch is grouped by
 * slot first and chunked within each slot; with few lists per slot most calls then carry one key,
 * which is the one-call-per-list write.
 */
final class BatchSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);
    private static final String[] RETRYABLE_REPLIES = {
        "LOADING", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "MOVED", "ASK", "READONLY", "MASTERDOWN"
    };

    private final RedisConnectionConfig connection;
    private final UnifiedJedis client;
    private final ConditionalPut put;
    private final ConditionalBatchPut batchPut;
    private final int keysPerCall;
    private final int maxRetries;
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final WriterMetrics metrics;
    private final CandidateAckListener listener;

    /** Syncs a cluster pipeline's nodes in parallel; null for a standalone server. */
    private final ExecutorService clusterSync;

    private boolean listenerFailureLogged;

    BatchSender(
            RedisConnectionConfig connection,
            UnifiedJedis client,
            Duration ttl,
            int keysPerCall,
            int maxRetries,
            Duration initialBackoff,
            Duration maxBackoff,
            WriterMetrics metrics,
            CandidateAckListener listener,
            int subtask) {
        if (keysPerCall < 1) {
            throw new IllegalArgumentException("keysPerCall must be >= 1, got " + keysPerCall);
        }
        this.connection = connection;
        this.client = client;
        this.put = new ConditionalPut(ttl);
        this.batchPut = new ConditionalBatchPut(ttl);
        this.keysPerCall = keysPerCall;
        this.maxRetries = maxRetries;
        this.initialBackoffMs = initialBackoff.toMillis();
        this.maxBackoffMs = maxBackoff.toMillis();
        this.metrics = metrics;
        this.listener = listener;
        // Jedis would otherwise create (and shut down) a thread pool on every cluster sync()
        this.clusterSync =
                client instanceof RedisClusterClient
                        ? Executors.newFixedThreadPool(
                                3,
                                r -> {
                                    Thread t = new Thread(r, "redis-cluster-sync-" + subtask);
                                    t.setDaemon(true);
                                    return t;
                                })
                        : null;
    }

    /**
     * Writes one batch, retrying transient failures with exponential backoff, and acknowledges each
     * list once Redis answered it.
     *
     * @throws RedisStoreException when retries run out or Redis refuses a list for good
     * @throws InterruptedException when the writer is closed during a backoff
     */
    void send(PendingBatch batch) throws InterruptedException {
        long start = System.nanoTime();
        List<PendingList> todo = batch.toSend();
        RuntimeException lastError = null;
        for (int attempt = 0; ; attempt++) {
            List<PendingList> retry = new ArrayList<>();
            try {
                lastError = sendOnce(todo, retry);
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                retry = todo;
                lastError = e;
            }
            if (retry.isEmpty()) {
                break;
            }
            if (attempt >= maxRetries) {
                throw new RedisStoreException(
                        "gave up writing "
                                + retry.size()
                                + " candidate lists after "
                                + maxRetries
                                + " retries: "
                                + connection.explain(lastError).getMessage(),
                        lastError);
            }
            long backoff = Math.min(maxBackoffMs, initialBackoffMs << Math.min(attempt, 20));
            metrics.retries.inc();
            LOG.warn(
                    "Redis write of {} candidate lists failed ({}); retry {}/{} in {} ms",
                    retry.size(),
                    String.valueOf(lastError),
                    attempt + 1,
                    maxRetries,
                    backoff);
            if (client instanceof RedisClusterClient cluster
                    && !(lastError instanceof JedisConnectionException)) {
                cluster.refreshClusterTopology();
            }
            Thread.sleep(backoff);
            todo = retry;
        }
        metrics.roundTrip((System.nanoTime() - start) / 1_000_000);
        long now = System.nanoTime();
        for (PendingList p : batch.superseded()) {
            acknowledge(p, false, now);
        }
    }

    /**
     * One pipelined round trip (plus an EVAL round for calls whose node lacked the script).
     * Acknowledges answered entries, adds transiently refused ones to {@code retry}.
     *
     * @return the last transient error reply, or null
     * @throws RedisStoreException for a reply that retrying cannot fix (WRONGTYPE, NOPERM, OOM)
     */
    private RuntimeException sendOnce(List<PendingList> todo, List<PendingList> retry) {
        List<PendingList> noScript = new ArrayList<>();
        RuntimeException transientError = pipeline(todo, false, noScript, retry);
        if (!noScript.isEmpty()) {
            RuntimeException again;
            try {
                again = pipeline(noScript, true, new ArrayList<>(), retry);
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                // the first round's answers stand (and were acknowledged): retry only these
                retry.addAll(noScript);
                again = e;
            }
            transientError = again != null ? again : transientError;
        }
        return transientError;
    }

    /**
     * Sends {@code entries} as pipelined script calls of up to {@link #keysPerCall} keys each and
     * sorts out every entry's reply: acknowledged, retried (transient error), EVAL round (NOSCRIPT)
     * or fatal. A call refused as a whole (NOSCRIPT, MOVED, NOPERM...) counts for each of its
     * entries; within a call each key has its own reply, as with one call per key.
     */
    @SuppressWarnings("unchecked")
    private RuntimeException pipeline(
            List<PendingList> entries,
            boolean eval,
            List<PendingList> noScript,
            List<PendingList> retry) {
        List<List<PendingList>> calls =
                ScriptCalls.split(entries, keysPerCall, clusterSync != null);
        Response<Object>[] replies = new Response[calls.size()];
        try (AbstractPipeline pipeline =
                clusterSync != null
                        ? ((RedisClusterClient) client).pipelined(clusterSync)
                        : client.pipelined()) {
            for (int i = 0; i < replies.length; i++) {
                replies[i] = queue(pipeline, calls.get(i), eval);
            }
            pipeline.sync();
        }
        long now = System.nanoTime();
        Refusals refusals = new Refusals(eval, noScript, retry);
        for (int i = 0; i < replies.length; i++) {
            List<PendingList> call = calls.get(i);
            Object reply;
            try {
                reply = replies[i].get();
            } catch (JedisDataException e) {
                for (PendingList p : call) {
                    refusals.add(p, e);
                }
                continue;
            }
            if (call.size() == 1) {
                acknowledge(call.get(0), ConditionalPut.written(reply), now);
                continue;
            }
            List<?> perKey;
            try {
                perKey = ConditionalBatchPut.replies(reply, call.size());
            } catch (IllegalStateException e) {
                refusals.fatal(call.get(0), e);
                continue;
            }
            for (int j = 0; j < perKey.size(); j++) {
                if (perKey.get(j) instanceof JedisDataException e) {
                    refusals.add(call.get(j), e);
                } else {
                    acknowledge(call.get(j), ConditionalPut.written(perKey.get(j)), now);
                }
            }
        }
        if (refusals.fatal != null) {
            throw refusals.fatal;
        }
        return refusals.transientError;
    }

    private Response<Object> queue(
            AbstractPipeline pipeline, List<PendingList> call, boolean eval) {
        if (call.size() == 1) {
            PendingList p = call.get(0);
            return eval
                    ? put.queueEval(pipeline, p.key(), p.value())
                    : put.queue(pipeline, p.key(), p.value());
        }
        List<byte[]> keys = new ArrayList<>(call.size());
        List<byte[]> values = new ArrayList<>(call.size());
        for (PendingList p : call) {
            keys.add(p.key());
            values.add(p.value());
        }
        return eval
                ? batchPut.queueEval(pipeline, keys, values)
                : batchPut.queue(pipeline, keys, values);
    }

    /** The entries of one round that Redis refused, sorted by what happens to them next. */
    private final class Refusals {
        private final boolean eval;
        private final List<PendingList> noScript;
        private final List<PendingList> retry;
        RuntimeException transientError;
        RedisStoreException fatal;

        Refusals(boolean eval, List<PendingList> noScript, List<PendingList> retry) {
            this.eval = eval;
            this.noScript = noScript;
            this.retry = retry;
        }

        void add(PendingList p, JedisDataException e) {
            if (!eval && ConditionalPut.isNoScript(e)) {
                noScript.add(p);
            } else if (isRetryableReply(e)) {
                retry.add(p);
                transientError = e;
            } else {
                fatal(p, e);
            }
        }

        void fatal(PendingList p, RuntimeException e) {
            if (fatal == null) {
                fatal =
                        new RedisStoreException(
                                "Redis refused the candidate list at key '"
                                        + keyOf(p)
                                        + "': "
                                        + connection.explain(e).getMessage(),
                                e);
            }
        }
    }

    private void acknowledge(PendingList p, boolean stored, long nowNanos) {
        if (stored) {
            metrics.stored(p.value().length);
        } else {
            metrics.skipped();
        }
        metrics.writeLatencyMs.update((nowNanos - p.writtenNanos()) / 1_000_000);
        if (listener != null) {
            try {
                listener.acknowledged(p.list(), stored);
            } catch (RuntimeException e) {
                if (!listenerFailureLogged) {
                    listenerFailureLogged = true;
                    LOG.warn("Candidate ack listener failed (logged once)", e);
                }
            }
        }
    }

    private static String keyOf(PendingList p) {
        return new String(p.key(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JedisConnectionException
                    || t instanceof JedisClusterOperationException
                    || t instanceof java.io.IOException) {
                return true;
            }
            if (t instanceof JedisDataException && isRetryableReply(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRetryableReply(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return false;
        }
        for (String prefix : RETRYABLE_REPLIES) {
            if (m.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (clusterSync != null) {
            clusterSync.shutdownNow();
        }
        client.close();
    }
}
