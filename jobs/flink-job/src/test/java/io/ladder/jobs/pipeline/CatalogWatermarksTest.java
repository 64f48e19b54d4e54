package io.ladder.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.ingest.CatalogRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class CatalogWatermarksTest {
    /** Records what a generator tells its output. */
    static final class RecordingOutput implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        int idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle++;
        }

        @Override
        public void markActive() {}
    }

    @Test
    void theCatalogueNeverEmitsAWatermarkAndStaysIdleWhateverItCarries() {
        WatermarkGenerator<CatalogRecord> generator = new CatalogWatermarks.SideInput();
        RecordingOutput output = new RecordingOutput();
        generator.onPeriodicEmit(output);
        for (CatalogRecord record : JobFixtures.catalogRecords()) {
            generator.onEvent(record, record.time, output);
        }
        generator.onPeriodicEmit(output);
        // No clock at all: a Long.MAX_VALUE watermark here would become the joined operators'
        // clock whenever the events go idle, and fire every user's inactivity timer.
        assertThat(output.watermarks).isEmpty();
        assertThat(output.idle).isEqualTo(2);
    }
}
