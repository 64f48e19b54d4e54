package io.ladder.schemas.codec;

import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.CandidateSource;
import io.ladder.schemas.CategoryHeads;
import io.ladder.schemas.DeadLetter;
import io.ladder.schemas.EventContext;
import io.ladder.schemas.EventType;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.UserEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One valid record of every type, with every optional part filled, at a fixed instant. */
final class TestRecords {
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private TestRecords() {}

    static UserEvent userEvent() {
        return UserEvent.newBuilder()
                .setEventId("e-1")
                .setUserId("u-1")
                .setItemId("i-1")
                .setCategoryId("c-1")
                .setType(EventType.CART)
                .setEventTime(T0)
                .setContext(
                        EventContext.newBuilder()
                                .setSessionId("s-1")
                                .setDevice("ios")
                                .setAttributes(Map.of("page", "home", "arm", "b"))
                                .build())
                .build();
    }

    static Item item() {
        return Item.newBuilder()
                .setItemId("i-1")
                .setCategoryId("c-1")
                .setEmbedding(List.of(0.6f, 0.8f, 1f, 0f, 0f, 1f))
                .setModelVersion("v1")
                .setUpdatedTime(T0)
                .setPopularity(3f)
                .build();
    }

    static ModelInfo modelInfo() {
        return ModelInfo.newBuilder()
                .setModelVersion("v1")
                .setLevels(3)
                .setHeadDim(2)
                .setGamma(1.5f)
                .setCutpoints(List.of(0.1f, 0.2f, 0.3f))
                .setBaseRates(List.of(0.5f, 0.1f, 0.01f))
                .setCategoryHeads(
                        List.of(
                                new CategoryHeads("c-1", List.of(1f, 0f, 1f, 0f, 1f, 0f)),
                                new CategoryHeads("c-2", List.of(0f, 1f, 0f, 1f, 0f, 1f))))
                .setDefaultEmbedding(List.of(0.7f, 0.7f, 0.7f, 0.7f, 0.7f, 0.7f))
                .setCreatedTime(T0)
                .setItemCount(2)
                .build();
    }

    static CandidateList candidateList() {
        return CandidateList.newBuilder()
                .setUserId("u-1")
                .setCandidates(
                        List.of(
                                new Candidate("i-1", 0.5f, CandidateSource.INTEREST, 2),
                                new Candidate("i-2", 0.25f, CandidateSource.TRENDING, -1)))
                .setModelVersion("v1")
                .setGeneratedTime(T0)
                .setAsOf(T0)
                .setSequence(7)
                .setSourceTime(T0)
                .build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setOriginal(ByteBuffer.wrap("{\"user\":1}".getBytes(StandardCharsets.UTF_8)))
                .setOriginalKey(ByteBuffer.wrap("u-1".getBytes(StandardCharsets.UTF_8)))
                .setSourceTopic("ladder.events")
                .setSourcePartition(3)
                .setSourceOffset(42)
                .setReason("not an Avro single-object message")
                .setStage("decode")
                .setTime(T0)
                .setOriginalLength(70_000)
                .setOriginalSha256(ByteBuffer.wrap(new byte[32]))
                .setOriginalTruncated(true)
                .build();
    }

    /** Every record above, encoded, with the codec that reads it. */
    static List<Encoded<?>> all() {
        return List.of(
                new Encoded<>(Codecs.USER_EVENT, Codecs.USER_EVENT.encode(userEvent())),
                new Encoded<>(Codecs.ITEM, Codecs.ITEM.encode(item())),
                new Encoded<>(Codecs.MODEL_INFO, Codecs.MODEL_INFO.encode(modelInfo())),
                new Encoded<>(Codecs.CANDIDATE_LIST, Codecs.CANDIDATE_LIST.encode(candidateList())),
                new Encoded<>(Codecs.DEAD_LETTER, Codecs.DEAD_LETTER.encode(deadLetter())));
    }

    record Encoded<T extends org.apache.avro.specific.SpecificRecordBase>(
            AvroCodec<T> codec, byte[] bytes) {}
}
