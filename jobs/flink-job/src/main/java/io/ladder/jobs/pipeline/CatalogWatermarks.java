package io.ladder.jobs.pipeline;

import io.ladder.jobs.ingest.CatalogRecord;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The catalogue is side input, not a clock: its stream carries no event time at all. It never emits
 * a watermark and marks itself idle, so the operators that join it with events (a two-input
 * operator takes the minimum over its active inputs) follow the events' watermark alone, and a
 * silent items topic holds no event-time timer back.
 *
 * <p>It must not declare itself caught up with a {@code Long.MAX_VALUE} watermark instead, as it
 * once did: whenever the events went idle ({@code events.idleness} without a record), that
 * watermark became the joined operators' clock, every user's inactivity timer fired at once and
 * dropped their state, and their next lists (sequence restarting at 1) were refused by Redis as
 * older than the ones it held: the "restore stall" (see {@code QuietEventsITCase}).
 */
public final class CatalogWatermarks {
    private CatalogWatermarks() {}

    public static WatermarkStrategy<CatalogRecord> none() {
        return WatermarkStrategy.forGenerator(context -> new SideInput());
    }

    /** Idle from the first periodic emission on; records never move it. */
    static final class SideInput implements WatermarkGenerator<CatalogRecord> {
        @Override
        public void onEvent(CatalogRecord record, long timestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }
}
