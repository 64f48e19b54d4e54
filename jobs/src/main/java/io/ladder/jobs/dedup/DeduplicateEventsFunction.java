package io.ladder.jobs.dedup;

import io.ladder.jobs.ingest.EventRecord;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops an event whose id this user already sent, so a producer retry does not count twice. Keyed
 * by user id: a retry carries the same user, so the seen-ids set is per user and small.
 *
 * <p>Bounded by a processing-time TTL on each id (RocksDB drops expired ids in compaction, the heap
 * backend incrementally): a retry arrives within seconds or minutes, so a day is ample and memory
 * stays proportional to a day of traffic.
 */
public class DeduplicateEventsFunction
        extends KeyedProcessFunction<String, EventRecord, EventRecord> {
    public static final String UID = "dedup-events";
    static final String SEEN_IDS = "seen-event-ids";

    private final Duration ttl;
    private transient MapState<String, Boolean> seen;
    private transient Counter duplicates;

    public DeduplicateEventsFunction(Duration ttl) {
        this.ttl = ttl;
    }

    static MapStateDescriptor<String, Boolean> seenIdsDescriptor(Duration ttl) {
        MapStateDescriptor<String, Boolean> descriptor =
                new MapStateDescriptor<>(SEEN_IDS, Types.STRING, Types.BOOLEAN);
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(ttl)
                        .updateTtlOnCreateAndWrite()
                        .neverReturnExpired()
                        .cleanupIncrementally(10, false)
                        .cleanupInRocksdbCompactFilter(1000)
                        .build());
        return descriptor;
    }

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getMapState(seenIdsDescriptor(ttl));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
        getRuntimeContext()
                .getMetricGroup()
                .meter("duplicateEventsPerSecond", new MeterView(duplicates));
    }

    @Override
    public void processElement(EventRecord event, Context ctx, Collector<EventRecord> out)
            throws Exception {
        if (seen.contains(event.eventId)) {
            duplicates.inc();
            return;
        }
        seen.put(event.eventId, Boolean.TRUE);
        out.collect(event);
    }
}
