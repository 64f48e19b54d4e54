package io.ladder.sink;

import io.ladder.schemas.CandidateList;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.CandidateValue;
import io.ladder.sink.redis.RedisConnectionConfig;
import io.ladder.sink.redis.RedisStoreException;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Buffers encoded lists on the task thread and sends them as pipelined conditional writes from one
 * I/O thread: when a batch fills, when the oldest buffered list has waited {@code linger}, and on
 * {@link #flush} (every checkpoint), which waits until Redis answered everything.
 *
 * <p>{@link BatchSender} does the Redis side (retries with backoff included). The first error that
 * survives the retries is kept and rethrown by the next {@link #write} or {@link #flush}, so the
 * checkpoint fails instead of completing without the lists.
 */
final class RedisCandidateWriter implements SinkWriter<CandidateList> {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCandidateWriter.class);

    private final CandidateKeys keys;
    private final int batchSize;
    private final long lingerNanos;
    private final CandidateAckListener listener;
    private final WriterMetrics metrics;
    private final ScheduledThreadPoolExecutor io;
    private final BatchSender sender;

    private final Semaphore queuedBatches;
    private final AtomicReference<Throwable> asyncError = new AtomicReference<>();

    private final Object lock = new Object();
    private PendingBatch buffer; // guarded by lock
    private long generation; // guarded by lock; bumped whenever the buffer is taken
    private int outstanding; // guarded by lock; batches taken but not yet answered
    private volatile boolean closed;

    RedisCandidateWriter(RedisCandidateSink sink, SinkWriterMetricGroup metricGroup, int subtask)
            throws IOException {
        this.keys = sink.keys();
        this.batchSize = sink.batchSize();
        this.lingerNanos = sink.linger().toNanos();
        this.listener = sink.ackListener();
        this.metrics = new WriterMetrics(metricGroup);
        this.queuedBatches = new Semaphore(sink.maxInFlightBatches());
        this.buffer = new PendingBatch(batchSize);
        RedisConnectionConfig connection = sink.connection();
        UnifiedJedis client;
        try {
            client = connection.connect();
        } catch (RedisStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
        this.sender =
                new BatchSender(
                        connection,
                        client,
                        sink.ttl(),
                        sink.keysPerCall(),
                        sink.maxRetries(),
                        sink.initialBackoff(),
                        sink.maxBackoff(),
                        metrics,
                        listener,
                        subtask);
        this.io =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, "redis-candidate-writer-" + subtask);
                            t.setDaemon(true);
                            return t;
                        });
        this.io.setRemoveOnCancelPolicy(true);
        if (listener != null) {
            listener.open(metricGroup);
        }
        LOG.info("Redis candidate writer {} started: {}", subtask, sink);
    }

    @Override
    public void write(CandidateList list, Context context)
            throws IOException, InterruptedException {
        checkAsyncError();
        PendingList pending =
                new PendingList(
                        listener == null ? null : list,
                        list.getUserId(),
                        list.getSequence(),
                        keys.keyBytes(list.getUserId()),
                        CandidateValue.encode(list),
                        System.nanoTime());
        PendingBatch full = null;
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
        PendingBatch rest = null;
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
        sender.close();
    }

    WriterMetrics metrics() {
        return metrics;
    }

    /** The first asynchronous error, or null. */
    Throwable asyncError() {
        return asyncError.get();
    }

    private PendingBatch takeBuffer() {
        PendingBatch taken = buffer;
        buffer = new PendingBatch(batchSize);
        generation++;
        outstanding++;
        return taken;
    }

    private void submit(PendingBatch batch) throws InterruptedException {
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
        PendingBatch batch;
        synchronized (lock) {
            if (gen != generation || buffer.isEmpty()) {
                return;
            }
            batch = takeBuffer();
        }
        send(batch);
    }

    /** Sends one batch on the I/O thread, keeps its error, always marks it done. */
    private void send(PendingBatch batch) {
        try {
            sender.send(batch);
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
}
