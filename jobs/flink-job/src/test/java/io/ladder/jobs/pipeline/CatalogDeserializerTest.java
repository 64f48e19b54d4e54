package io.ladder.jobs.pipeline;

import static io.ladder.jobs.pipeline.DeadLetterAssert.deadLetterOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.DeadLetters;
import io.ladder.schemas.DeadLetter;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The items source's decoding without a Flink harness: Item and ModelInfo, or a dead letter. */
class CatalogDeserializerTest {
    static final String TOPIC = "ladder.items";

    final CatalogDeserializer deserializer = new CatalogDeserializer();

    static Item valid() {
        return JobFixtures.items().get(0);
    }

    static ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>(
                TOPIC, 0, 77L, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    DeadLetter rejected(ConsumerRecord<byte[], byte[]> record) {
        CatalogRecord out = deserializer.decode(record);
        assertThat(out.kind).isEqualTo(CatalogRecord.Kind.REJECTED);
        assertThat(out.rejectionKey).isEqualTo(record.key());
        return deadLetterOf(out.payload, record);
    }

    @Test
    void aValidItemBecomesAnItemRecord() {
        Item item = valid();
        CatalogRecord out = deserializer.decode(record("a0", Codecs.ITEM.encode(item)));

        assertThat(out.kind).isEqualTo(CatalogRecord.Kind.ITEM);
        assertThat(out.itemId).isEqualTo("a0");
        assertThat(out.categoryId).isEqualTo("A");
        assertThat(out.modelVersion).isEqualTo(JobFixtures.VERSION);
        assertThat(out.vector).hasSize(item.getEmbedding().size());
        assertThat(out.vector[0]).isEqualTo(item.getEmbedding().get(0));
    }

    @Test
    void aValidModelInfoBecomesAModelRecordCarryingItsBytes() {
        byte[] bytes = Codecs.MODEL_INFO.encode(JobFixtures.modelInfo());
        CatalogRecord out = deserializer.decode(record("__model__/" + JobFixtures.VERSION, bytes));

        assertThat(out.kind).isEqualTo(CatalogRecord.Kind.MODEL);
        assertThat(out.modelVersion).isEqualTo(JobFixtures.VERSION);
        assertThat(out.payload).isEqualTo(bytes);
    }

    @Test
    void garbageIsDeadLetteredAtDecode() {
        DeadLetter letter = rejected(record("a0", "not avro".getBytes(StandardCharsets.UTF_8)));
        assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_DECODE);
        assertThat(letter.getReason()).contains("not an Avro single-object message");
    }

    @Test
    void aNullValueIsDeadLetteredWithWhatToPublishInstead() {
        DeadLetter letter = rejected(record("a0", null));
        assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_DECODE);
        assertThat(letter.getReason()).contains("deleted=true");
    }

    @Test
    void aRetiredVersionsTombstoneIsDroppedWithoutADeadLetter() {
        ConsumerRecord<byte[], byte[]> tombstone = record("__model__/old-version", null);
        assertThat(deserializer.decode(tombstone)).isNull();
        List<CatalogRecord> out = new ArrayList<>();
        deserializer.deserialize(
                tombstone,
                new org.apache.flink.util.Collector<>() {
                    @Override
                    public void collect(CatalogRecord r) {
                        out.add(r);
                    }

                    @Override
                    public void close() {}
                });
        assertThat(out).isEmpty();
        // only the exact prefix: an item whose id merely starts alike is still an item key
        assertThat(rejected(record("__model_x", null)).getReason()).contains("deleted=true");
        assertThat(rejected(record(null, null)).getReason()).contains("deleted=true");
    }

    @Test
    void anItemClaimingAGigabyteIdIsDeadLetteredNamingTheField() {
        byte[] bytes = Arrays.copyOf(Codecs.ITEM.encode(valid()), 15);
        long n = 2_000_000_000L; // 1,000,000,000 zig-zag encoded
        for (int i = 10; i < 15; i++, n >>>= 7) {
            bytes[i] = (byte) ((n & 0x7F) | (i < 14 ? 0x80 : 0));
        }
        DeadLetter letter = rejected(record("a0", bytes));
        assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_DECODE);
        assertThat(letter.getReason())
                .contains("field item_id: string length 1000000000 exceeds the 0 bytes left");
    }

    @Test
    void aModelInfoWithAHugeCutpointCountIsDeadLetteredNamingTheField() {
        ModelInfo info = JobFixtures.modelInfo();
        byte[] bytes = Codecs.MODEL_INFO.encode(info);
        // The body starts with model_version and objective (length-prefixed), levels, head_dim
        // and gamma; cutpoints' block count follows: overwrite it with 1,000,000,000.
        int at = 10;
        at += 1 + info.getModelVersion().length();
        at += 1 + info.getObjective().length();
        at += 1 + 1 + 4;
        byte[] corrupt = Arrays.copyOf(bytes, at + 5);
        long n = 2_000_000_000L;
        for (int i = at; i < at + 5; i++, n >>>= 7) {
            corrupt[i] = (byte) ((n & 0x7F) | (i < at + 4 ? 0x80 : 0));
        }

        DeadLetter letter = rejected(record("__model__/x", corrupt));
        assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_DECODE);
        assertThat(letter.getReason())
                .contains("corrupt ModelInfo body")
                .contains("field cutpoints: array block count 1000000000");
    }

    @Test
    void anEmptyIdIsDeadLetteredAtValidate() {
        Item item = valid();
        item.setItemId("");
        DeadLetter letter = rejected(record("", Codecs.ITEM.encode(item)));
        assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_VALIDATE);
        assertThat(letter.getReason()).contains("item_id: must not be empty");
    }

    @Test
    void anItemWithANaNComponentIsDeadLetteredAtValidate() {
        Item item = valid();
        List<Float> embedding = new ArrayList<>(item.getEmbedding());
        embedding.set(2, Float.NaN);
        item.setEmbedding(embedding);
        DeadLetter letter = rejected(record("a0", Codecs.ITEM.encode(item)));
        assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_VALIDATE);
        assertThat(letter.getReason()).contains("embedding: component 2 is NaN, must be finite");
    }

    @Test
    void aModelInfoFailingValidationIsDeadLetteredAtValidate() {
        ModelInfo info = JobFixtures.modelInfo();
        info.setGamma(-1f);
        DeadLetter letter =
                rejected(
                        record("__model__/" + JobFixtures.VERSION, Codecs.MODEL_INFO.encode(info)));
        assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_VALIDATE);
        assertThat(letter.getReason()).contains("gamma: must be a finite positive number");
    }
}
