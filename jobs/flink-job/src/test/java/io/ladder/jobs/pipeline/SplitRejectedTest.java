package io.ladder.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.ingest.RejectedRecord;
import io.ladder.schemas.EventType;
import io.ladder.schemas.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Rejected records leave by the dead-letter side output, with their key; valid ones pass. */
class SplitRejectedTest {
    static ConsumerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ConsumerRecord<>(topic, 1, 9L, key.getBytes(StandardCharsets.UTF_8), value);
    }

    @Test
    void eventsRejectedAtDecodeOrValidationGoToTheSideOutputWithTheirKey() throws Exception {
        UserEventDeserializer decode = new UserEventDeserializer();
        EventRecord valid =
                decode.decode(
                        record(
                                "events",
                                "u1",
                                Codecs.USER_EVENT.encode(
                                        JobFixtures.userEvent(
                                                "e1", "u1", "a1", EventType.CLICK, 0))));
        EventRecord junk = decode.decode(record("events", "u2", "junk".getBytes()));
        EventRecord blankUser =
                decode.decode(
                        record(
                                "events",
                                "u3",
                                Codecs.USER_EVENT.encode(
                                        JobFixtures.userEvent(
                                                "e3", " ", "a1", EventType.CLICK, 0))));
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new SplitRejected.Events())) {
            h.processElement(valid, 0);
            h.processElement(junk, 0);
            h.processElement(blankUser, 0);
            assertThat(h.extractOutputValues()).extracting(e -> e.eventId).containsExactly("e1");
            List<RejectedRecord> dead =
                    h.getSideOutput(SplitRejected.DEAD_LETTERS).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertThat(dead)
                    .extracting(r -> new String(r.key, StandardCharsets.UTF_8))
                    .containsExactly("u2", "u3");
            assertThat(dead)
                    .extracting(r -> Codecs.DEAD_LETTER.decode(r.deadLetter).getStage())
                    .containsExactly("decode", "validate");
        }
    }

    @Test
    void catalogueRecordsRejectedGoToTheSideOutputAndTheRestPass() throws Exception {
        CatalogDeserializer decode = new CatalogDeserializer();
        CatalogRecord model =
                decode.decode(
                        record(
                                "items",
                                "__model__/" + JobFixtures.VERSION,
                                Codecs.MODEL_INFO.encode(JobFixtures.modelInfo())));
        CatalogRecord broken = decode.decode(record("items", "x", new byte[] {(byte) 0xC3, 1}));
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new SplitRejected.Catalog())) {
            h.processElement(model, 0);
            h.processElement(broken, 0);
            assertThat(h.extractOutputValues())
                    .extracting(r -> r.kind)
                    .containsExactly(CatalogRecord.Kind.MODEL);
            assertThat(h.getSideOutput(SplitRejected.DEAD_LETTERS))
                    .singleElement()
                    .satisfies(
                            r ->
                                    assertThat(
                                                    Codecs.DEAD_LETTER
                                                            .decode(r.getValue().deadLetter)
                                                            .getSourceOffset())
                                            .isEqualTo(9L));
        }
    }
}
