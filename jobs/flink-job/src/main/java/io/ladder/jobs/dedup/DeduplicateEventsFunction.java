package io.ladder.jobs.dedup;

import io.ladder.jobs.ingest.EventRecord;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops an event whose id this user already sent, so a producer retry does not count twice. Keyed
 * by user id: a retry carries the same user, so the seen-ids set is per user and small.
 *
 * <p>Bounded in time by a processing-time TTL on each id (RocksDB drops expired ids in compaction,
 * the heap backend incrementally): a retry arrives within seconds or minutes, so a day is ample.
 * Bounded in size per user by {@code dedup.max-ids-per-user}, so one user's hostile or looping
 * producer cannot grow it within the day: ids go into one of two generations of {@code max / 2} ids
 * each; when the current one is full, the other is cleared and becomes current. An id is a
 * duplicate if either generation has it, so a user's last {@code max / 2} ids (at least) are always
 * remembered and never more than {@code max}, without scanning anything per event.
 */
public class DeduplicateEventsFunction
        extends KeyedProcessFunction<String, EventRecord, EventRecord> {
    public static final String UID = "dedup-events";

    /** Generation 0. Released name: the only generation in savepoints before the size bound. */
    static final String SEEN_IDS = "seen-event-ids";

    static final String SEEN_IDS_SECOND = "seen-event-ids-second";
    static final String GENERATION = "seen-event-ids-generation";

    private final Duration ttl;
    private final int generationSize;
    private transient MapState<String, Boolean>[] generations;
    private transient ValueState<SeenIdsGeneration> generation;
    private transient Counter duplicates;
    private transient Counter rotations;

    /**
     * @param ttl how long an id is remembered
     * @param maxIdsPerUser ids remembered per user at most (>= 2)
     */
    public DeduplicateEventsFunction(Duration ttl, int maxIdsPerUser) {
        if (maxIdsPerUser < 2) {
            throw new IllegalArgumentException("maxIdsPerUser must be >= 2, was " + maxIdsPerUser);
        }
        this.ttl = ttl;
        this.generationSize = maxIdsPerUser / 2;
    }

    static StateTtlConfig ttlConfig(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .cleanupIncrementally(10, false)
                .cleanupInRocksdbCompactFilter(1000)
                .build();
    }

    static MapStateDescriptor<String, Boolean> seenIdsDescriptor(String name, Duration ttl) {
        MapStateDescriptor<String, Boolean> descriptor =
                new MapStateDescriptor<>(name, Types.STRING, Types.BOOLEAN);
        descriptor.enableTimeToLive(ttlConfig(ttl));
        return descriptor;
    }

    /**
     * Same TTL as the ids: it is written with every new id, so it outlives them all, and a user who
     * stops sending leaves nothing behind.
     */
    static ValueStateDescriptor<SeenIdsGeneration> generationDescriptor(Duration ttl) {
        ValueStateDescriptor<SeenIdsGeneration> descriptor =
                new ValueStateDescriptor<>(GENERATION, TypeInformation.of(SeenIdsGeneration.class));
        descriptor.enableTimeToLive(ttlConfig(ttl));
        return descriptor;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(OpenContext openContext) {
        generations =
                new MapState[] {
                    getRuntimeContext().getMapState(seenIdsDescriptor(SEEN_IDS, ttl)),
                    getRuntimeContext().getMapState(seenIdsDescriptor(SEEN_IDS_SECOND, ttl))
                };
        generation = getRuntimeContext().getState(generationDescriptor(ttl));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
        getRuntimeContext()
                .getMetricGroup()
                .meter("duplicateEventsPerSecond", new MeterView(duplicates));
        rotations = getRuntimeContext().getMetricGroup().counter("dedupGenerationsRotated");
    }

    @Override
    public void processElement(EventRecord event, Context ctx, Collector<EventRecord> out)
            throws Exception {
        if (generations[0].contains(event.eventId) || generations[1].contains(event.eventId)) {
            duplicates.inc();
            return;
        }
        SeenIdsGeneration current = generation.value();
        if (current == null) {
            // A new user, one whose ids all expired, or state from before the size bound (ids in
            // generation 0 only, uncounted: it holds them plus max / 2 new ones until it is
            // cleared two rotations later).
            current = new SeenIdsGeneration();
        }
        if (current.size >= generationSize) {
            // Deliberate: the older generation's ids go, to bound the user's state; the current
            // one's max / 2 ids, the most recent, stay remembered.
            int next = 1 - current.current;
            generations[next].clear();
            current.current = next;
            current.size = 0;
            rotations.inc();
        }
        generations[current.current].put(event.eventId, Boolean.TRUE);
        current.size++;
        generation.update(current);
        out.collect(event);
    }
}
