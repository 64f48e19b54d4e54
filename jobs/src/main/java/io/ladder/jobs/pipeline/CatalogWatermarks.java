package io.ladder.jobs.pipeline;

import io.ladder.jobs.ingest.CatalogRecord;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The catalogue is side input, not a clock: its stream declares itself always caught up, so the
 * operators that join it with events follow the events' watermark alone (a two-input operator takes
 * the minimum, and a silent items topic would otherwise stall every event-time timer).
 */
public final class CatalogWatermarks {
    private CatalogWatermarks() {}

    public static WatermarkStrategy<CatalogRecord> alwaysCaughtUp() {
        return WatermarkStrategy.forGenerator(
                context ->
                        new WatermarkGenerator<>() {
                            @Override
                            public void onEvent(
                                    CatalogRecord record, long timestamp, WatermarkOutput output) {}

                            @Override
                            public void onPeriodicEmit(WatermarkOutput output) {
                                output.emitWatermark(new Watermark(Long.MAX_VALUE));
                            }
                        });
    }
}
