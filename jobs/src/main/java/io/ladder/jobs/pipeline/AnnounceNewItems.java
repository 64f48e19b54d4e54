package io.ladder.jobs.pipeline;

import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by item id, it sees both the items topic and the events. The first time an event names an
 * item the items topic never published, it announces the item (with its category) so that every
 * retrieval subtask can place it: otherwise only the subtask that owns the clicking user would know
 * the item exists.
 */
public class AnnounceNewItems
        extends KeyedCoProcessFunction<String, EventRecord, CatalogRecord, CatalogRecord> {
    public static final String UID = "announce-new-items";
    static final ValueStateDescriptor<Boolean> KNOWN =
            new ValueStateDescriptor<>("item-known", Types.BOOLEAN);

    private transient ValueState<Boolean> known;

    @Override
    public void open(OpenContext openContext) {
        known = getRuntimeContext().getState(KNOWN);
    }

    @Override
    public void processElement1(EventRecord event, Context ctx, Collector<CatalogRecord> out)
            throws Exception {
        if (known.value() == null) {
            known.update(Boolean.TRUE);
            out.collect(CatalogRecord.announced(event.itemId, event.categoryId, event.eventTime));
        }
    }

    @Override
    public void processElement2(CatalogRecord record, Context ctx, Collector<CatalogRecord> out)
            throws Exception {
        if (record.kind == CatalogRecord.Kind.ITEM) {
            known.update(Boolean.TRUE);
        }
    }
}
