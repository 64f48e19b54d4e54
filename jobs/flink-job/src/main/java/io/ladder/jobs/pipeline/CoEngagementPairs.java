package io.ladder.jobs.pipeline;

import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.neighbours.PairUpdate;
import io.ladder.jobs.neighbours.UserPairs;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by user: keeps the user's latest distinct items and turns each event into the pair updates
 * of {@link UserPairs}, which go on keyed by item to {@link ItemNeighboursFunction}. The user's
 * items are the only state, at most {@code co-engagement.history} ids, forgotten after {@code
 * co-engagement.user-ttl} without an event (Flink state TTL, processing time: a bound on state, not
 * a model choice).
 */
public class CoEngagementPairs extends KeyedProcessFunction<String, EventRecord, PairUpdate> {
    public static final String UID = "co-engagement-pairs";

    private final int history;
    private final Duration userTtl;
    private transient ValueState<String[]> recent;

    public CoEngagementPairs(int history, Duration userTtl) {
        this.history = history;
        this.userTtl = userTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<String[]> descriptor =
                new ValueStateDescriptor<>(
                        "co-engagement-recent", BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO);
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(userTtl)
                        .updateTtlOnCreateAndWrite()
                        .neverReturnExpired()
                        .cleanupInRocksdbCompactFilter(1000)
                        .build());
        recent = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(EventRecord event, Context ctx, Collector<PairUpdate> out)
            throws Exception {
        recent.update(
                UserPairs.engage(
                        recent.value(), event.itemId, event.eventTime, history, out::collect));
    }
}
