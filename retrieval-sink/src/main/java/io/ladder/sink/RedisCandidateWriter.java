package io.ladder.sink;

import io.ladder.schemas.CandidateList;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.CandidateValue;
import io.ladder.sink.redis.ConditionalPut;
import io.ladder.sink.redis.RedisConnectionConfig;
import io.ladder.sink.redis.RedisStoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
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
 * Buffers encoded lists on the task thread and sends them as pipelined conditional writes from one
 * I/O thread: when a batch fills, when the oldest buffered list has waited {@code linger}, and on
 * {@link #flush} (every checkpoint), which waits until Redis answered everything.
 *
 * <p>Connection errors and transient replies (LOADING, MOVED, TRYAGAIN...) are retried with
 * exponential backoff; replays are harmless because the server keeps the higher sequence. The first
 * error that survives the retries is kept and rethrown by the next {@link #write} or {@link
 * #flush}, so the checkpoint fails instead of completing without the lists.
 */
final class RedisCandidateWriter implements SinkWriter<CandidateList> {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCandidateWriter.class);
    private static final String[] RETRYABLE_REPLIES = {
        "LOADING", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "MOVED", "ASK", "READONLY", "MASTERDOWN"
    };

    private final RedisConnectionConfig connection;
    private final CandidateKeys keys;
    private final ConditionalPut put;
    private final UnifiedJedis client;
    private final int batchSize;
    private final long lingerNanos;
    private final int maxRetries;
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final CandidateAckListener listener;
    private final WriterMetrics metrics;
    private final ScheduledThreadPoolExecutor io;

    /** Syncs a cluster pipeline's nodes in parallel; null for a standalone server. */
    private final ExecutorService clusterSync;

    private final Semaphore queuedBatches;
    private final AtomicReference<Throwable> asyncError = new AtomicReference<>();

    private final Object lock = new Object();
    private ArrayList<Pending> buffer; // guarded by lock
    private long generation; // guarded by lock; bumped whenever the buffer is taken
    private int outstanding; // guarded by lock; batches taken but not yet answered
    private volatile boolean closed;
    private boolean listenerFailureLogged;

    /** One list on its way: its key and value bytes and when it was written. */
    private record Pending(CandidateList list, byte[] key, byte[] value, long writtenNanos) {}

    RedisCandidateWriter(RedisCandidateSink sink, SinkWriterMetricGroup metricGroup, int subtask)
            throws IOException {
        this.connection = sink.connection();
        this.keys = sink.keys();
        this.put = new ConditionalPut(sink.ttl());
        this.batchSize = sink.batchSize();
        this.lingerNanos = sink.linger().toNanos();
        this.maxRetries = sink.maxRetries();
        this.initialBackoffMs = sink.initialBackoff().toMillis();
        this.maxBackoffMs = sink.maxBackoff().toMillis();
        this.listener = sink.ackListener();
        this.metrics = new WriterMetrics(metricGroup);
        this.queuedBatches = new Semaphore(sink.maxInFlightBatches());
        this.buffer = new ArrayList<>(batchSize);
        try {
            this.client = connection.connect();
        } catch (RedisStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
        this.io =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, "redis-candidate-writer-" + subtask);
                            t.setDaemon(true);
                            return t;
                        });
        this.io.setRemoveOnCancelPolicy(true);
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
        if (listener != null) {
            listener.open(metricGroup);
        }
        LOG.info("Redis candidate writer {} started: {}", subtask, sink);
    }

    @Override
    public void write(CandidateList list, Context context)
            throws IOException, InterruptedException {
        checkAsyncError();
        Pending pending =
                new Pending(
                        listener == null ? null : list,
                        keys.keyBytes(list.getUserId()),
                        CandidateValue.encode(list),
                        System.nanoTime());
        List<Pending> full = null;
        synchronized (lock) {
            buffer.add(pending);
            if (buffer.size() >= batchSize) {
                full = takeBuffer();
            } else if (buffer.size() == 1) {
                long gen = generation;
                io.schedule(() -> lingerExpired(gen), lingerNanos, TimeUnit.NANOSECONDS);
            }
        }
        if (full != null) {
            submit(full);
        }
    }

    /** Sends what is buffered and waits until Redis answered every list written so far. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        checkAsyncError();
        List<Pending> rest = null;
        synchronized (lock) {
            if (!buffer.isEmpty()) {
                rest = takeBuffer();
            }
        }
        if (rest != null) {
            submit(rest);
        }
        synchronized (lock) {
            while (outstanding > 0) {
                lock.wait();
            }
        }
        checkAsyncError();
    }

    /**
     * Stops the I/O thread and closes the connections. Lists not flushed are dropped: Flink replays
     * them from the last checkpoint.
     */
    @Override
    public void close() throws Exception {
        closed = true;
        io.shutdownNow();
        io.awaitTermination(10, TimeUnit.SECONDS);
        if (clusterSync != null) {
            clusterSync.shutdownNow();
        }
        client.close();
    }

    WriterMetrics metrics() {
        return metrics;
    }

    /** The first asynchronous error, or null. */
    Throwable asyncError() {
        return asyncError.get();
    }

    private List<Pending> takeBuffer() {
        ArrayList<Pending> taken = buffer;
        buffer = new ArrayList<>(batchSize);
        generation++;
        outstanding++;
        return taken;
    }

    private void submit(List<Pending> batch) throws InterruptedException {
        queuedBatches.acquire();
        try {
            io.execute(
                    () -> {
                        try {
                            send(batch);
                        } finally {
                            queuedBatches.release();
                        }
                    });
        } catch (RejectedExecutionException e) {
            queuedBatches.release();
            batchDone();
            recordError(new IllegalStateException("the Redis candidate writer is closed", e));
        }
    }

    /** Runs on the I/O thread when the batch that started at {@code gen} waited long enough. */
    private void lingerExpired(long gen) {
        List<Pending> batch;
        synchronized (lock) {
            if (gen != generation || buffer.isEmpty()) {
                return;
            }
            batch = takeBuffer();
        }
        send(batch);
    }

    /** Sends one batch with retries; always marks it done. Runs on the I/O thread. */
    private void send(List<Pending> batch) {
        long start = System.nanoTime();
        try {
            List<Pending> todo = batch;
            RuntimeException lastError = null;
            for (int attempt = 0; ; attempt++) {
                List<Pending> retry = new ArrayList<>();
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
                        lastError.getMessage(),
                        attempt + 1,
                        maxRetries,
                        backoff);
                if (lastError != null
                        && client instanceof RedisClusterClient cluster
                        && !(lastError instanceof JedisConnectionException)) {
                    cluster.refreshClusterTopology();
                }
                Thread.sleep(backoff);
                todo = retry;
            }
            metrics.roundTrip((System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!closed) {
                recordError(e);
            }
        } catch (Throwable t) {
            metrics.failed(batch.size());
            recordError(t);
        } finally {
            batchDone();
        }
    }

    /**
     * One pipelined round trip (plus an EVAL round for entries whose node lacked the script).
     * Acknowledges answered entries, adds transiently refused ones to {@code retry}.
     *
     * @return the last transient error reply, or null
     * @throws RedisStoreException for a reply that retrying cannot fix (WRONGTYPE, NOPERM, OOM)
     */
    private RuntimeException sendOnce(List<Pending> todo, List<Pending> retry) {
        List<Pending> noScript = new ArrayList<>();
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
            List<Pending> entries, boolean eval, List<Pending> noScript, List<Pending> retry) {
        Response<Object>[] replies = new Response[entries.size()];
        try (AbstractPipeline pipeline =
                clusterSync != null
                        ? ((RedisClusterClient) client).pipelined(clusterSync)
                        : client.pipelined()) {
            for (int i = 0; i < replies.length; i++) {
                Pending p = entries.get(i);
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
            Pending p = entries.get(i);
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

    private void acknowledge(Pending p, boolean stored, long nowNanos) {
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

    private void batchDone() {
        synchronized (lock) {
            outstanding--;
            lock.notifyAll();
        }
    }

    private void recordError(Throwable t) {
        if (asyncError.compareAndSet(null, t)) {
            LOG.error("Writing candidate lists to Redis failed; the next write or flush fails", t);
        }
    }

    private void checkAsyncError() throws IOException {
        Throwable t = asyncError.get();
        if (t != null) {
            throw new IOException(
                    "Writing candidate lists to Redis failed, so this checkpoint cannot complete"
                            + " (the lists will be replayed after the restart): "
                            + t.getMessage(),
                    t);
        }
    }

    private static String keyOf(Pending p) {
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
}
