package io.ladder.jobs.pipeline;

import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.ingest.RejectedRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Sends rejected records to the dead-letter side output and counts them; passes the rest. */
public final class SplitRejected {
    public static final OutputTag<RejectedRecord> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private SplitRejected() {}

    /** For the events stream. */
    public static final class Events extends ProcessFunction<EventRecord, EventRecord> {
        private transient Counter deadLetters;

        @Override
        public void open(OpenContext openContext) {
            deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
            getRuntimeContext()
                    .getMetricGroup()
                    .meter("deadLettersPerSecond", new MeterView(deadLetters));
        }

        @Override
        public void processElement(EventRecord record, Context ctx, Collector<EventRecord> out) {
            if (record.isRejected()) {
                deadLetters.inc();
                ctx.output(DEAD_LETTERS, new RejectedRecord(record.rejectionKey, record.rejection));
            } else {
                out.collect(record);
            }
        }
    }

    /** For the items topic. */
    public static final class Catalog extends ProcessFunction<CatalogRecord, CatalogRecord> {
        private transient Counter deadLetters;

        @Override
        public void open(OpenContext openContext) {
            deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
            getRuntimeContext()
                    .getMetricGroup()
                    .meter("deadLettersPerSecond", new MeterView(deadLetters));
        }

        @Override
        public void processElement(
                CatalogRecord record, Context ctx, Collector<CatalogRecord> out) {
            if (record.kind == CatalogRecord.Kind.REJECTED) {
                deadLetters.inc();
                ctx.output(DEAD_LETTERS, new RejectedRecord(record.rejectionKey, record.payload));
            } else {
                out.collect(record);
            }
        }
    }
}
