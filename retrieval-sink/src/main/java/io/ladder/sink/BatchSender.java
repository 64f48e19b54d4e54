package io.ladder.sink;

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
 * The Redis side of {@link RedisCandidateWriter}: sends a batch as pipelined conditional writes
 * (EVALSHA, then EVAL for entries whose node lacked the script), retries connection errors and
 * transient replies (LOADING, MOVED, TRYAGAIN...) with exponential backoff, and acknowledges each
 * answered list to the metrics and the listener. Replays are harmless: the server keeps the higher
 * sequence. Used from one thread at a time.
 */
final class BatchSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);
    private static final String[] RETRYABLE_REPLIES = {
        "LOADING", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "MOVED", "ASK", "READONLY", "MASTERDOWN"
    };

    private final RedisConnectionConfig connection;
    private final UnifiedJedis client;
    private final ConditionalPut put;
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
            int maxRetries,
            Duration initialBackoff,
            Duration maxBackoff,
            WriterMetrics metrics,
            CandidateAckListener listener,
            int subtask) {
        this.connection = connection;
        this.client = client;
        this.put = new ConditionalPut(ttl);
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
     * One pipelined round trip (plus an EVAL round for entries whose node lacked the script).
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

    @SuppressWarnings("unchecked")
    private RuntimeException pipeline(
            List<PendingList> entries,
            boolean eval,
            List<PendingList> noScript,
            List<PendingList> retry) {
        Response<Object>[] replies = new Response[entries.size()];
        try (AbstractPipeline pipeline =
                clusterSync != null
                        ? ((RedisClusterClient) client).pipelined(clusterSync)
                        : client.pipelined()) {
            for (int i = 0; i < replies.length; i++) {
                PendingList p = entries.get(i);
                replies[i] =
                        eval
                                ? put.queueEval(pipeline, p.key(), p.value())
                                : put.queue(pipeline, p.key(), p.value());
            }
            pipeline.sync();
        }
        long now = System.nanoTime();
        RuntimeException transientError = null;
        RedisStoreException fatal = null;
        for (int i = 0; i < replies.length; i++) {
            PendingList p = entries.get(i);
            Object reply;
            try {
                reply = replies[i].get();
            } catch (JedisDataException e) {
                if (!eval && ConditionalPut.isNoScript(e)) {
                    noScript.add(p);
                } else if (isRetryableReply(e)) {
                    retry.add(p);
                    transientError = e;
                } else if (fatal == null) {
                    fatal =
                            new RedisStoreException(
                                    "Redis refused the candidate list at key '"
                                            + keyOf(p)
                                            + "': "
                                            + connection.explain(e).getMessage(),
                                    e);
                }
                continue;
            }
            acknowledge(p, ConditionalPut.written(reply), now);
        }
        if (fatal != null) {
            throw fatal;
        }
        return transientError;
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
