package io.ladder.jobs.pipeline;

import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
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
    private transient LiveKeyBudget budget;

    private transient ValueState<Boolean> published;
    private transient ValueState<Long> lastSeen;
    private transient Counter announced;
    private transient Counter refused;
    private transient Counter retired;

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
        budget = LiveKeyBudget.restore(context, LIVE_COUNT, maxItems, ttlMillis);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        budget.snapshot();
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
        metrics.gauge("announcedItemsLive", (Gauge<Long>) budget::live);
        budget.countRefusalsOn(refused);
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
        if (!budget.admit(
                LOG,
                "catalog.announce.max-items",
                "items seen in events and never published are not announced; their events still"
                        + " apply to their users")) {
            return;
        }
        announced.inc();
        lastSeen.update(event.eventTime);
        ctx.timerService().registerEventTimeTimer(budget.expiry(event.eventTime));
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
            budget.release();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CatalogRecord> out)
            throws Exception {
        Long seen = lastSeen.value();
        if (seen == null) {
            return; // published (or, from an older timer, already retired)
        }
        long due = budget.expiry(seen);
        if (due > timestamp) {
            // Named again since: one timer per item, pushed forward lazily instead of a timer
            // delete per event (each a RocksDB write).
            ctx.timerService().registerEventTimeTimer(due);
            return;
        }
        // Deliberate: an invented or abandoned id must not stay in every subtask's broadcast
        // state; a later event announces it again.
        lastSeen.clear();
        budget.release();
        retired.inc();
        out.collect(CatalogRecord.retired(ctx.getCurrentKey(), timestamp));
    }

    /** Announced items live on this subtask (for tests). */
    long liveAnnouncedItems() {
        return budget.live();
    }

    /** Announcements the cap refused on this subtask since it opened (for tests). */
    long refusedAnnouncements() {
        return budget.refusals();
    }
}
