package io.ladder.sink;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The writer's metrics, registered on its {@link SinkWriterMetricGroup} (besides Flink's standard
 * numRecordsSend / numBytesSend / numRecordsSendErrors, which are updated too).
 */
final class WriterMetrics {
    static final String LISTS_WRITTEN = "listsWritten";
    static final String LISTS_WRITTEN_RATE = "listsWrittenPerSecond";
    static final String LISTS_SKIPPED = "listsSkippedNotNewer";
    static final String BYTES_WRITTEN = "bytesWritten";
    static final String RETRIES = "retries";
    static final String WRITE_LATENCY = "writeLatencyMs";

    final Counter listsWritten;
    final Meter listsWrittenRate;
    final Counter listsSkipped;
    final Counter bytesWritten;
    final Counter retries;

    /** Milliseconds from {@code write()} to Redis' reply, per list (includes linger). */
    final Histogram writeLatencyMs;

    private final Counter numRecordsSend;
    private final Counter numBytesSend;
    private final Counter numRecordsSendErrors;
    private volatile long lastRoundTripMs;

    WriterMetrics(SinkWriterMetricGroup group) {
        this.listsWritten = group.counter(LISTS_WRITTEN);
        this.listsWrittenRate = group.meter(LISTS_WRITTEN_RATE, new MeterView(listsWritten));
        this.listsSkipped = group.counter(LISTS_SKIPPED);
        this.bytesWritten = group.counter(BYTES_WRITTEN);
        this.retries = group.counter(RETRIES);
        this.writeLatencyMs =
                group.histogram(WRITE_LATENCY, new DescriptiveStatisticsHistogram(1024));
        this.numRecordsSend = group.getNumRecordsSendCounter();
        this.numBytesSend = group.getNumBytesSendCounter();
        this.numRecordsSendErrors = group.getNumRecordsSendErrorsCounter();
        group.setCurrentSendTimeGauge(() -> lastRoundTripMs);
    }

    void stored(int bytes) {
        listsWritten.inc();
        bytesWritten.inc(bytes);
        numRecordsSend.inc();
        numBytesSend.inc(bytes);
    }

    void skipped() {
        listsSkipped.inc();
        numRecordsSend.inc();
    }

    void failed(int lists) {
        numRecordsSendErrors.inc(lists);
    }

    void roundTrip(long millis) {
        lastRoundTripMs = millis;
    }
}
