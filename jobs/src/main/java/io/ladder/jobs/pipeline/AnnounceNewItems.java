package io.ladder.jobs.pipeline;

import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by item id, it sees both the items topic and the events. The first time an event names an
 * item the items topic never published, it announces the item (with its category) so that every
 * retrieval subtask can place it: otherwise only the subtask that owns the clicking user would know
 * the item exists.
 *
 * <p>Announced items end up in every retrieval subtask's broadcast state, which has no TTL, so they
 * are bounded here: at most {@code catalog.announce.max-items} live at once per subtask (an item
 * over the cap is not announced and stores nothing; its events still apply to their users, and a
 * later event retries), and one no event named for {@code catalog.announce.ttl} of event time is
 * retired. Published items are remembered without bound: the catalogue bounds them.
 */
public class AnnounceNewItems
        extends KeyedCoProcessFunction<String, EventRecord, CatalogRecord, CatalogRecord>
        implements CheckpointedFunction {
    public static final String UID = "announce-new-items";

    private static final Logger LOG = LoggerFactory.getLogger(AnnounceNewItems.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    /**
     * The items topic published the item (a tombstone counts). Released name: in savepoints of the
     * release before announcements were bounded it also marks the items announced then, which
     * therefore stay, uncounted and never retired (a fixed set, bounded by that release's traffic).
     */
    static final ValueStateDescriptor<Boolean> PUBLISHED =
            new ValueStateDescriptor<>("item-known", Types.BOOLEAN);

    /** Announced and not published: the event time an event last named the item. */
    static final ValueStateDescriptor<Long> LAST_SEEN =
            new ValueStateDescriptor<>("announced-last-seen", Types.LONG);

    /** Operator state: this subtask's number of live announced items, one element. */
    static final ListStateDescriptor<Long> LIVE_COUNT =
            new ListStateDescriptor<>("announced-items-live", Types.LONG);

    private final int maxItems;
    private final long ttlMillis;

    private transient ValueState<Boolean> published;
    private transient ValueState<Long> lastSeen;
    private transient ListState<Long> liveCountState;
    private transient long live;
    private transient Counter announced;
    private transient Counter refused;
    private transient Counter retired;
    private transient long refusedSinceWarning;
    private transient long lastWarningNanos;

    /**
     * @param maxItems announced-but-unpublished items live at once on one subtask
     * @param ttl event time without an event after which an announced item is retired
     */
    public AnnounceNewItems(int maxItems, Duration ttl) {
        if (maxItems < 0 || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException(
                    "maxItems must be >= 0 and ttl positive, were " + maxItems + ", " + ttl);
        }
        this.maxItems = maxItems;
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        liveCountState = context.getOperatorStateStore().getListState(LIVE_COUNT);
        // A restore at the same parallelism is exact. After a rescale the counts are dealt out
        // round-robin while the items move by key group, so the split is approximate: the
        // job-wide sum is kept, but a subtask may refuse early, or admit up to the cap on top of
        // items it inherited uncounted (at most cap x the old parallelism). The bound is then
        // cap x parallelism only approximately: job-wide at most cap x (old + new parallelism).
        long sum = 0;
        for (Long count : liveCountState.get()) {
            sum += count;
        }
        live = Math.max(0, sum);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        liveCountState.update(List.of(live));
    }

    @Override
    public void open(OpenContext openContext) {
        published = getRuntimeContext().getState(PUBLISHED);
        lastSeen = getRuntimeContext().getState(LAST_SEEN);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        announced = metrics.counter("announcedItems");
        refused = metrics.counter("announcementsRefused");
        metrics.meter("announcementsRefusedPerSecond", new MeterView(refused));
        retired = metrics.counter("announcedItemsRetired");
        metrics.gauge("announcedItemsLive", (Gauge<Long>) () -> live);
        lastWarningNanos = System.nanoTime() - WARN_INTERVAL_NANOS;
    }

    @Override
    public void processElement1(EventRecord event, Context ctx, Collector<CatalogRecord> out)
            throws Exception {
        if (published.value() != null) {
            return;
        }
        Long seen = lastSeen.value();
        if (seen != null) {
            if (event.eventTime > seen) {
                // The timer is not moved: it finds this time when it fires and waits on.
                lastSeen.update(event.eventTime);
            }
            return;
        }
        if (live >= maxItems) {
            refuse();
            return;
        }
        live++;
        announced.inc();
        lastSeen.update(event.eventTime);
        ctx.timerService().registerEventTimeTimer(expiry(event.eventTime));
        out.collect(CatalogRecord.announced(event.itemId, event.categoryId, event.eventTime));
    }

    @Override
    public void processElement2(CatalogRecord record, Context ctx, Collector<CatalogRecord> out)
            throws Exception {
        if (record.kind != CatalogRecord.Kind.ITEM || published.value() != null) {
            return;
        }
        published.update(Boolean.TRUE);
        if (lastSeen.value() != null) {
            // Announced, now published: the catalogue bounds it, so it leaves the cap, and its
            // timer finds nothing to retire.
            lastSeen.clear();
            live = Math.max(0, live - 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CatalogRecord> out)
            throws Exception {
        Long seen = lastSeen.value();
        if (seen == null) {
            return; // published (or, from an older timer, already retired)
        }
        long due = expiry(seen);
        if (due > timestamp) {
            // Named again since: one timer per item, pushed forward lazily instead of a timer
            // delete per event (each a RocksDB write).
            ctx.timerService().registerEventTimeTimer(due);
            return;
        }
        // Deliberate: an invented or abandoned id must not stay in every subtask's broadcast
        // state; a later event announces it again.
        lastSeen.clear();
        live = Math.max(0, live - 1);
        retired.inc();
        out.collect(CatalogRecord.retired(ctx.getCurrentKey(), timestamp));
    }

    private void refuse() {
        refused.inc();
        refusedSinceWarning++;
        long now = System.nanoTime();
        if (now - lastWarningNanos >= WARN_INTERVAL_NANOS) {
            LOG.warn(
                    "catalog.announce.max-items ({}) reached: {} item(s) seen in events and never"
                            + " published were not announced since the last warning ({} total);"
                            + " their events still apply to their users",
                    maxItems,
                    refusedSinceWarning,
                    refused.getCount());
            refusedSinceWarning = 0;
            lastWarningNanos = now;
        }
    }

    private long expiry(long seen) {
        return seen > Long.MAX_VALUE - ttlMillis ? Long.MAX_VALUE : seen + ttlMillis;
    }

    /** Announced items live on this subtask (for tests). */
    long liveAnnouncedItems() {
        return live;
    }

    /** Announcements the cap refused on this subtask since it opened (for tests). */
    long refusedAnnouncements() {
        return refused.getCount();
    }
}
