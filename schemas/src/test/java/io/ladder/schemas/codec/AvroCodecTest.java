package io.ladder.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.CandidateSource;
import io.ladder.schemas.DeadLetter;
import io.ladder.schemas.EventContext;
import io.ladder.schemas.EventType;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.UserEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class AvroCodecTest {
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    static UserEvent event() {
        return UserEvent.newBuilder()
                .setEventId("e-1")
                .setUserId("u-1")
                .setItemId("i-1")
                .setCategoryId("c-1")
                .setType(EventType.CART)
                .setEventTime(T0)
                .setContext(
                        EventContext.newBuilder()
                                .setDevice("ios")
                                .setAttributes(Map.of("page", "home"))
                                .build())
                .build();
    }

    static Schema nextUserEventSchema() throws IOException {
        try (InputStream in =
                AvroCodecTest.class.getResourceAsStream("/evolution/UserEvent.v2.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    @Test
    void roundTripsEveryRecordType() {
        assertThat(Codecs.USER_EVENT.decode(Codecs.USER_EVENT.encode(event()))).isEqualTo(event());
        Item item =
                Item.newBuilder()
                        .setItemId("i")
                        .setEmbedding(List.of(1f, 0f))
                        .setModelVersion("v1")
                        .setUpdatedTime(T0)
                        .build();
        assertThat(Codecs.ITEM.decode(Codecs.ITEM.encode(item))).isEqualTo(item);
        CandidateList list =
                CandidateList.newBuilder()
                        .setUserId("u")
                        .setCandidates(
                                List.of(new Candidate("i", 0.5f, CandidateSource.INTEREST, 2)))
                        .setModelVersion("v1")
                        .setGeneratedTime(T0)
                        .setAsOf(T0)
                        .setSequence(7)
                        .build();
        assertThat(Codecs.CANDIDATE_LIST.decode(Codecs.CANDIDATE_LIST.encode(list)))
                .isEqualTo(list);
    }

    @Test
    void everyRecordTypeWithEveryOptionalPartRoundTripsThroughTheBoundedDecoder() {
        assertThat(Codecs.USER_EVENT.decode(Codecs.USER_EVENT.encode(TestRecords.userEvent())))
                .isEqualTo(TestRecords.userEvent());
        assertThat(Codecs.ITEM.decode(Codecs.ITEM.encode(TestRecords.item())))
                .isEqualTo(TestRecords.item());
        assertThat(Codecs.MODEL_INFO.decode(Codecs.MODEL_INFO.encode(TestRecords.modelInfo())))
                .isEqualTo(TestRecords.modelInfo());
        assertThat(
                        Codecs.CANDIDATE_LIST.decode(
                                Codecs.CANDIDATE_LIST.encode(TestRecords.candidateList())))
                .isEqualTo(TestRecords.candidateList());
        assertThat(Codecs.DEAD_LETTER.decode(Codecs.DEAD_LETTER.encode(TestRecords.deadLetter())))
                .isEqualTo(TestRecords.deadLetter());
    }

    @Test
    void theCodecKnowsTheCurrentAndEveryReleasedWriterSchemaByFingerprint() {
        for (TestRecords.Encoded<?> encoded : TestRecords.all()) {
            Schema current =
                    org.apache.avro.specific.SpecificData.get().getSchema(encoded.codec().type());
            List<Schema> released = AvroCodec.ReleasedSchemas.of(current.getName());
            Map<Long, Schema> known = encoded.codec().writerSchemas();
            assertThat(known)
                    .as(current.getName())
                    .containsKey(SchemaNormalization.parsingFingerprint64(current));
            for (Schema old : released) {
                assertThat(known)
                        .as(current.getName())
                        .containsKey(SchemaNormalization.parsingFingerprint64(old));
            }
        }
    }

    @Test
    void everyMessageCarriesTheSingleObjectHeaderAndTheRightCodecRecognisesIt() {
        byte[] bytes = Codecs.USER_EVENT.encode(event());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(Codecs.USER_EVENT.recognizes(bytes)).isTrue();
        assertThat(Codecs.ITEM.recognizes(bytes)).isFalse();
        assertThat(Codecs.MODEL_INFO.recognizes(bytes)).isFalse();
    }

    @Test
    void recordWrittenWithAnOlderReleasedSchemaIsReadByTheCurrentReader() throws IOException {
        // v1 is the released writer schema; today it equals the current one, and the decoder must
        // know it by fingerprint from schemas/released/ regardless.
        Schema v1;
        try (InputStream in =
                AvroCodec.class.getResourceAsStream("/schemas/released/UserEvent.v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        GenericRecord old = new GenericData.Record(v1);
        old.put("event_id", "e-9");
        old.put("user_id", "u-9");
        old.put("item_id", "i-9");
        old.put("type", new GenericData.EnumSymbol(v1.getField("type").schema(), "PURCHASE"));
        old.put("event_time", T0.toEpochMilli());
        byte[] bytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        UserEvent read = Codecs.USER_EVENT.decode(bytes);
        assertThat(read.getEventId()).isEqualTo("e-9");
        assertThat(read.getType()).isEqualTo(EventType.PURCHASE);
        assertThat(read.getCategoryId()).isNull();
    }

    @Test
    void aCandidateListWrittenWithReleasedV1IsCheckedAgainstV1AndGetsTheAddedFieldsDefault()
            throws IOException {
        Schema v1;
        try (InputStream in =
                AvroCodec.class.getResourceAsStream("/schemas/released/CandidateList.v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        Schema candidate = v1.getField("candidates").schema().getElementType();
        GenericRecord one = new GenericData.Record(candidate);
        one.put("item_id", "i-1");
        one.put("score", 0.5f);
        one.put(
                "source",
                new GenericData.EnumSymbol(candidate.getField("source").schema(), "RECENT"));
        one.put("interest", -1);
        GenericRecord old = new GenericData.Record(v1);
        old.put("user_id", "u-1");
        old.put("candidates", List.of(one));
        old.put("model_version", "v1");
        old.put("generated_time", T0.toEpochMilli());
        old.put("as_of", T0.toEpochMilli());
        old.put("sequence", 3L);
        byte[] bytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        CandidateList read = Codecs.CANDIDATE_LIST.decode(bytes);
        assertThat(read.getCandidates())
                .extracting(Candidate::getSource)
                .containsExactly(CandidateSource.RECENT);
        assertThat(read.getSequence()).isEqualTo(3);
        assertThat(read.getSourceTime()).isEqualTo(Instant.EPOCH);

        // The v1 body ends where v1 ends: a current-schema field appended is trailing garbage.
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> Codecs.CANDIDATE_LIST.decode(longer))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("1 trailing byte after the record");
    }

    @Test
    void newerWriterWithAnAddedFieldAndEnumSymbolIsReadOnceItsSchemaIsKnown() throws IOException {
        Schema v2 = nextUserEventSchema();
        GenericRecord next = new GenericData.Record(v2);
        next.put("event_id", "e-2");
        next.put("user_id", "u-2");
        next.put("item_id", "i-2");
        next.put("type", new GenericData.EnumSymbol(v2.getField("type").schema(), "EXPOSURE"));
        next.put("event_time", T0.toEpochMilli());
        next.put("price", 9.99);
        byte[] bytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2).encode(next).array();

        AvroCodec<UserEvent> reader = AvroCodec.of(UserEvent.class);
        assertThatThrownBy(() -> reader.decode(bytes))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("unknown schema fingerprint");
        reader.addWriterSchema(v2);
        UserEvent read = reader.decode(bytes);
        assertThat(read.getEventId()).isEqualTo("e-2");
        // A symbol this reader does not know resolves to the enum's default, which validation
        // rejects.
        assertThat(read.getType()).isEqualTo(EventType.UNKNOWN);
    }

    @Test
    void olderReaderReadsTheCurrentWriterFillingTheAddedFieldFromItsDefault() {
        // The reverse direction: a reader built with the next schema reads today's bytes.
        Schema v2;
        try {
            v2 = nextUserEventSchema();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        BinaryMessageDecoder<GenericRecord> nextReader =
                new BinaryMessageDecoder<>(GenericData.get(), v2);
        nextReader.addSchema(UserEvent.getClassSchema());
        GenericRecord read;
        try {
            read = nextReader.decode(Codecs.USER_EVENT.encode(event()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(read.get("price")).isEqualTo(0.0);
        assertThat(read.get("event_id").toString()).isEqualTo("e-1");
    }

    @Test
    void currentSchemasCanReadEveryReleasedWriterSchema() throws IOException {
        for (Class<?> type :
                List.of(
                        UserEvent.class,
                        Item.class,
                        ModelInfo.class,
                        CandidateList.class,
                        DeadLetter.class)) {
            Schema current = org.apache.avro.specific.SpecificData.get().getSchema(type);
            for (Schema released : AvroCodec.ReleasedSchemas.of(current.getName())) {
                assertThat(
                                SchemaCompatibility.checkReaderWriterCompatibility(
                                                current, released)
                                        .getType())
                        .as(type.getSimpleName())
                        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
            }
            assertThat(AvroCodec.ReleasedSchemas.of(current.getName()))
                    .as(type.getSimpleName())
                    .isNotEmpty();
        }
    }

    @Test
    void theNewestReleasedSchemaOfEveryTypeIsTheCurrentOne() {
        // A schema change must come with its released copy, or producers on the new schema write
        // fingerprints that readers built from the released files cannot resolve.
        for (Class<?> type :
                List.of(
                        UserEvent.class,
                        Item.class,
                        ModelInfo.class,
                        CandidateList.class,
                        DeadLetter.class)) {
            Schema current = org.apache.avro.specific.SpecificData.get().getSchema(type);
            List<Schema> released = AvroCodec.ReleasedSchemas.of(current.getName());
            assertThat(released.get(released.size() - 1))
                    .as(type.getSimpleName() + " v" + released.size())
                    .isEqualTo(current);
        }
    }

    @Test
    void aModelInfoWrittenWithV1IsReadWithAnUnknownItemCount() throws IOException {
        Schema v1;
        try (InputStream in =
                AvroCodec.class.getResourceAsStream("/schemas/released/ModelInfo.v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        GenericRecord old = new GenericData.Record(v1);
        old.put("model_version", "v-old");
        old.put("objective", "gnolr");
        old.put("levels", 1);
        old.put("head_dim", 2);
        old.put("gamma", 5f);
        old.put("cutpoints", List.of(0.5f));
        old.put("base_rates", List.of(0.1f));
        old.put("category_heads", List.of());
        old.put("default_embedding", List.of());
        old.put("created_time", T0.toEpochMilli());
        byte[] bytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        ModelInfo read = Codecs.MODEL_INFO.decode(bytes);
        assertThat(read.getModelVersion()).isEqualTo("v-old");
        // 0 = unknown: the job adopts such a version on arrival, as it did before v2
        assertThat(read.getItemCount()).isZero();
    }

    @Test
    void aDeadLetterWrittenWithV1IsReadWithTheV2FieldsAtTheirDefaults() throws IOException {
        Schema v1;
        try (InputStream in =
                AvroCodec.class.getResourceAsStream("/schemas/released/DeadLetter.v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        GenericRecord old = new GenericData.Record(v1);
        old.put("original", java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
        old.put("original_key", java.nio.ByteBuffer.wrap(new byte[] {'k'}));
        old.put("source_topic", "ladder.events");
        old.put("source_partition", 2);
        old.put("source_offset", 17L);
        old.put("reason", "event_time: missing");
        old.put("stage", "validate");
        old.put("time", T0.toEpochMilli());
        byte[] bytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        DeadLetter read = Codecs.DEAD_LETTER.decode(bytes);
        assertThat(read.getSourceOffset()).isEqualTo(17);
        assertThat(read.getStage()).isEqualTo("validate");
        assertThat(read.getOriginal().remaining()).isEqualTo(3);
        assertThat(read.getOriginalLength()).isEqualTo(-1);
        assertThat(read.getOriginalSha256()).isNull();
        assertThat(read.getOriginalTruncated()).isFalse();
    }

    @Test
    void garbageIsRejectedWithAClearReason() {
        assertThatThrownBy(() -> Codecs.USER_EVENT.decode(new byte[0]))
                .hasMessageContaining("empty message");
        assertThatThrownBy(() -> Codecs.USER_EVENT.decode("{\"user\":1}".getBytes()))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("not an Avro single-object message");
        byte[] truncated = Codecs.USER_EVENT.encode(event());
        byte[] cut = java.util.Arrays.copyOf(truncated, 14);
        assertThatThrownBy(() -> Codecs.USER_EVENT.decode(cut))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("corrupt UserEvent");
    }
}
