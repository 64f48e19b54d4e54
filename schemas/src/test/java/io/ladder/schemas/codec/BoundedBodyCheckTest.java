package io.ladder.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.UserEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** Bodies whose lengths, counts or indexes the bytes cannot back are rejected before Avro. */
class BoundedBodyCheckTest {
    static final Schema USER_EVENT = UserEvent.getClassSchema();
    static final Schema ITEM = Item.getClassSchema();
    static final Schema MODEL_INFO = ModelInfo.getClassSchema();

    /** The start of a ModelInfo up to (not including) cutpoints. */
    static Wire modelInfoUpToCutpoints() {
        return Wire.message(MODEL_INFO)
                .string("v1")
                .string("gnolr")
                .varint(3)
                .varint(2)
                .floats(1.5f);
    }

    /** The start of an Item up to (not including) embedding: id "i", no category. */
    static Wire itemUpToEmbedding() {
        return Wire.message(ITEM).string("i").varint(0);
    }

    @Test
    void aFifteenByteEventClaimingAGigabyteStringIsRejectedNamingTheField() {
        byte[] bytes = Wire.message(USER_EVENT).varint(1_000_000_000).build();
        assertThat(bytes).hasSize(15);

        assertThatThrownBy(() -> Codecs.USER_EVENT.decode(bytes))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith(
                        "corrupt UserEvent body: field event_id: string length 1000000000 exceeds"
                                + " the 0 bytes left");
    }

    @Test
    void aHugeLengthLaterInTheRecordNamesThatField() {
        byte[] bytes =
                Wire.message(USER_EVENT)
                        .string("e")
                        .string("u")
                        .varint(Integer.MAX_VALUE)
                        .raw('x', 'y')
                        .build();
        assertThatThrownBy(() -> Codecs.USER_EVENT.decode(bytes))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field item_id: string length 2147483647 exceeds the 2 bytes")
                .hasMessageContaining("(at byte 4 of the body)");
    }

    @Test
    void hugeArrayCountsAreRejectedBeforeAnyListIsAllocated() {
        byte[] cutpoints = modelInfoUpToCutpoints().varint(1_000_000_000).zeros(12).build();
        assertThatThrownBy(() -> Codecs.MODEL_INFO.decode(cutpoints))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(
                        "field cutpoints: array block count 1000000000 of items of at least 4"
                                + " bytes each exceeds the 12 bytes left");

        byte[] heads =
                modelInfoUpToCutpoints()
                        .floatArray(0.1f, 0.2f, 0.3f)
                        .floatArray(0.5f, 0.1f, 0.01f)
                        .varint(50_000)
                        .zeros(30)
                        .build();
        assertThatThrownBy(() -> Codecs.MODEL_INFO.decode(heads))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field category_heads: array block count 50000");

        byte[] nested =
                modelInfoUpToCutpoints()
                        .floatArray(0.1f, 0.2f, 0.3f)
                        .floatArray(0.5f, 0.1f, 0.01f)
                        .varint(2)
                        .string("c-1")
                        .floatArray(1f, 0f)
                        .string("c-2")
                        .varint(Long.MAX_VALUE)
                        .build();
        assertThatThrownBy(() -> Codecs.MODEL_INFO.decode(nested))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field category_heads[1].embedding: array block count");

        byte[] embedding = itemUpToEmbedding().varint(400_000_000).zeros(40).build();
        assertThatThrownBy(() -> Codecs.ITEM.decode(embedding))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field embedding: array block count 400000000");
    }

    @Test
    void anArrayWithMoreItemsThanTheCollectionLimitIsRejectedEvenWhenTheBytesAreThere() {
        int count = BoundedBodyCheck.MAX_COLLECTION_ITEMS + 1;
        byte[] bytes = itemUpToEmbedding().varint(count).zeros(4 * count).varint(0).build();
        assertThatThrownBy(() -> Codecs.ITEM.decode(bytes))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field embedding: array block count 1000001 after 0 items")
                .hasMessageContaining("limit of 1000000 items");

        // The limit is per collection, across its blocks.
        byte[] blocks =
                itemUpToEmbedding()
                        .varint(count - 1)
                        .zeros(4 * (count - 1))
                        .varint(1)
                        .zeros(4)
                        .varint(0)
                        .build();
        assertThatThrownBy(() -> Codecs.ITEM.decode(blocks))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("array block count 1 after 1000000 items");
    }

    @Test
    void zeroByteItemsAreCappedPerCollectionAndPerMessage() {
        Schema nulls =
                new Schema.Parser()
                        .parse(
                                "{\"type\":\"record\",\"name\":\"Nulls\",\"fields\":[{\"name\":"
                                        + "\"grid\",\"type\":{\"type\":\"array\",\"items\":"
                                        + "{\"type\":\"array\",\"items\":\"null\"}}}]}");
        BoundedBodyCheck check = BoundedBodyCheck.of(nulls);

        byte[] wide = Wire.body().varint(1).varint(2_000_000).varint(0).varint(0).build();
        assertThatThrownBy(() -> check.check(wide, 0))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field grid[0]: array block count 2000000 after 0 items");

        // Each inner array is under the per-collection cap; together they are not.
        Wire many = Wire.body().varint(3);
        for (int i = 0; i < 3; i++) {
            many.varint(400_000).varint(0);
        }
        byte[] tall = many.varint(0).build();
        assertThatThrownBy(() -> check.check(tall, 0))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field grid[2]: more than 1000000 zero-byte");

        byte[] fine = Wire.body().varint(2).varint(3).varint(0).varint(0).varint(0).build();
        assertThatCode(() -> check.check(fine, 0)).doesNotThrowAnyException();
    }

    @Test
    void recursiveSchemasAreWalkedButNotDeeperThanTheDepthLimit() {
        Schema chain =
                new Schema.Parser()
                        .parse(
                                "{\"type\":\"record\",\"name\":\"Link\",\"fields\":["
                                        + "{\"name\":\"next\",\"type\":[\"null\",\"Link\"]}]}");
        BoundedBodyCheck check = BoundedBodyCheck.of(chain);
        byte[] shallow = new byte[11];
        Arrays.fill(shallow, 0, 10, (byte) 2); // ten times branch 1 (another Link), then null
        assertThatCode(() -> check.check(shallow, 0)).doesNotThrowAnyException();

        byte[] deep = new byte[1001];
        Arrays.fill(deep, 0, 1000, (byte) 2);
        assertThatThrownBy(() -> check.check(deep, 0))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("nested deeper than " + BoundedBodyCheck.MAX_DEPTH);
    }

    @Test
    void negativeLengthsAndCountsAreRejected() {
        byte[] string = Wire.message(USER_EVENT).varint(-1).build();
        assertThatThrownBy(() -> Codecs.USER_EVENT.decode(string))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field event_id: string length -1 is negative");

        // A negative count is legal (a block with its byte size), a wrong byte size is not.
        byte[] size = itemUpToEmbedding().varint(-2).varint(-8).floats(1f, 0f).build();
        assertThatThrownBy(() -> Codecs.ITEM.decode(size))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field embedding: array block byte size -8 is outside");

        byte[] mismatch =
                itemUpToEmbedding()
                        .varint(-2)
                        .varint(12)
                        .floats(1f, 0f, 0f)
                        .varint(0)
                        .string("v1")
                        .varint(1)
                        .raw(0)
                        .floats(0f)
                        .build();
        assertThatThrownBy(() -> Codecs.ITEM.decode(mismatch))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(
                        "field embedding: array block declared 12 bytes but its items take 8");

        byte[] minimum = itemUpToEmbedding().varint(Long.MIN_VALUE).build();
        assertThatThrownBy(() -> Codecs.ITEM.decode(minimum))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field embedding: array block count");
    }

    @Test
    void everyTruncationOfAValidRecordIsRejected() {
        for (TestRecords.Encoded<?> encoded : TestRecords.all()) {
            byte[] bytes = encoded.bytes();
            String name = encoded.codec().type().getSimpleName();
            for (int length = 10; length < bytes.length; length++) {
                byte[] cut = Arrays.copyOf(bytes, length);
                assertThatThrownBy(() -> encoded.codec().decode(cut))
                        .as("%s cut to %d of %d bytes", name, length, bytes.length)
                        .isInstanceOf(InvalidRecordException.class)
                        .hasMessageStartingWith("corrupt " + name + " body: ");
            }
        }
    }

    @Test
    void overLongVarintsAreRejected() {
        byte[] int6 =
                Wire.message(MODEL_INFO)
                        .string("v1")
                        .string("gnolr")
                        .raw(0x86, 0x80, 0x80, 0x80, 0x80, 0x00)
                        .build();
        assertThatThrownBy(() -> Codecs.MODEL_INFO.decode(int6))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field levels: int varint is longer than 5 bytes");

        byte[] long11 =
                Wire.message(USER_EVENT)
                        .string("e")
                        .string("u")
                        .string("i")
                        .varint(0)
                        .varint(1)
                        .raw(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)
                        .varint(0)
                        .build();
        assertThatThrownBy(() -> Codecs.USER_EVENT.decode(long11))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field event_time: long varint is longer than 10 bytes");

        byte[] length =
                Wire.message(USER_EVENT)
                        .raw(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80)
                        .build();
        assertThatThrownBy(() -> Codecs.USER_EVENT.decode(length))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field event_id: string length varint is longer than 10");
    }

    @Test
    void indexesOutsideTheSchemaAreRejected() {
        byte[] enumIndex =
                Wire.message(USER_EVENT)
                        .string("e")
                        .string("u")
                        .string("i")
                        .varint(0)
                        .varint(9)
                        .build();
        assertThatThrownBy(() -> Codecs.USER_EVENT.decode(enumIndex))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field type: enum index 9 is outside the 4 symbols");

        byte[] branch =
                Wire.message(USER_EVENT).string("e").string("u").string("i").varint(2).build();
        assertThatThrownBy(() -> Codecs.USER_EVENT.decode(branch))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(
                        "field category_id: union branch index 2 is outside the 2 branches");

        byte[] bool =
                itemUpToEmbedding().floatArray().string("v1").varint(1).raw(7).floats(0f).build();
        assertThatThrownBy(() -> Codecs.ITEM.decode(bool))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field deleted: boolean byte 7 is neither 0 nor 1");
    }

    @Test
    void theFieldPathGoesThroughUnionsAndMapEntries() {
        byte[] bytes =
                Wire.message(USER_EVENT)
                        .string("e")
                        .string("u")
                        .string("i")
                        .varint(0)
                        .varint(1)
                        .varint(1)
                        .varint(1) // context: the record branch
                        .varint(0)
                        .varint(0) // no session, no device
                        .varint(2)
                        .string("page")
                        .string("home")
                        .string("arm")
                        .varint(500)
                        .build();
        assertThatThrownBy(() -> Codecs.USER_EVENT.decode(bytes))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(
                        "field context.attributes[entry 1]: string length 500 exceeds the 0 bytes");
    }

    @Test
    void trailingBytesAfterTheRecordAreRejected() {
        for (TestRecords.Encoded<?> encoded : TestRecords.all()) {
            byte[] bytes = Arrays.copyOf(encoded.bytes(), encoded.bytes().length + 3);
            assertThatThrownBy(() -> encoded.codec().decode(bytes))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining("3 trailing bytes after the record");
        }
    }

    @Test
    void messagesAboveTheSizeLimitAreRefusedWithoutLookingInside() {
        byte[] huge = new byte[AvroCodec.MAX_MESSAGE_BYTES + 1];
        byte[] header = Codecs.ITEM.encode(TestRecords.item());
        System.arraycopy(header, 0, huge, 0, 10);
        assertThatThrownBy(() -> Codecs.ITEM.decode(huge))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("message of 67108865 bytes exceeds the limit of 67108864");
    }

    @Test
    void blocksWithByteSizesAsBlockingWritersProduceThemAreRead() throws IOException {
        // Avro's blocking encoder writes every array and map as negative-count blocks with sizes.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Arrays.copyOf(Codecs.MODEL_INFO.encode(TestRecords.modelInfo()), 10));
        BinaryEncoder encoder = EncoderFactory.get().blockingBinaryEncoder(out, null);
        new SpecificDatumWriter<ModelInfo>(ModelInfo.class).write(TestRecords.modelInfo(), encoder);
        encoder.flush();
        byte[] blocked = out.toByteArray();
        assertThat(blocked).isNotEqualTo(Codecs.MODEL_INFO.encode(TestRecords.modelInfo()));

        assertThat(Codecs.MODEL_INFO.decode(blocked)).isEqualTo(TestRecords.modelInfo());
    }
}
