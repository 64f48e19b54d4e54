package io.ladder.jobs.pipeline;

import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.DeadLetters;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.ingest.RejectedRecord;
import io.ladder.schemas.codec.Codecs;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends rejected records to the dead-letter side output and counts them; passes the rest. One
 * subclass per input type says how a record carries its rejection.
 */
public abstract class SplitRejected<T> extends ProcessFunction<T, T> {
    public static final OutputTag<RejectedRecord> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private transient Counter deadLetters;
    private transient Counter decodeStage;
    private transient Counter validateStage;

    /** The record's dead letter, or null when the record is valid. */
    abstract RejectedRecord rejection(T record);

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
        decodeStage = getRuntimeContext().getMetricGroup().counter("deadLettersDecode");
        validateStage = getRuntimeContext().getMetricGroup().counter("deadLettersValidate");
        getRuntimeContext()
                .getMetricGroup()
                .meter("deadLettersPerSecond", new MeterView(deadLetters));
    }

    @Override
    public void processElement(T record, Context ctx, Collector<T> out) {
        RejectedRecord rejected = rejection(record);
        if (rejected != null) {
            deadLetters.inc();
            // Rejections are the exception: reading the stage back from the dead letter is cheap.
            String stage = Codecs.DEAD_LETTER.decode(rejected.deadLetter).getStage();
            (DeadLetters.STAGE_DECODE.equals(stage) ? decodeStage : validateStage).inc();
            ctx.output(DEAD_LETTERS, rejected);
        } else {
            out.collect(record);
        }
    }

    /** For the events stream. */
    public static final class Events extends SplitRejected<EventRecord> {
        @Override
        RejectedRecord rejection(EventRecord record) {
            return record.isRejected()
                    ? new RejectedRecord(record.rejectionKey, record.rejection)
                    : null;
        }
    }

    /** For the items topic. */
    public static final class Catalog extends SplitRejected<CatalogRecord> {
        @Override
        RejectedRecord rejection(CatalogRecord record) {
            return record.kind == CatalogRecord.Kind.REJECTED
                    ? new RejectedRecord(record.rejectionKey, record.payload)
                    : null;
        }
    }
}
