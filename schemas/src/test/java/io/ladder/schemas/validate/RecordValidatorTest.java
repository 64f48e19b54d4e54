package io.ladder.schemas.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.schemas.CategoryHeads;
import io.ladder.schemas.EventType;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.UserEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    final RecordValidator validator = new RecordValidator(Clock.fixed(NOW, ZoneOffset.UTC), 4);

    static UserEvent.Builder event() {
        return UserEvent.newBuilder()
                .setEventId("e")
                .setUserId("u")
                .setItemId("i")
                .setType(EventType.CLICK)
                .setEventTime(NOW.minusSeconds(60));
    }

    static Item.Builder item() {
        return Item.newBuilder()
                .setItemId("i")
                .setEmbedding(List.of(1f, 0f, 0f, 1f))
                .setModelVersion("v1")
                .setUpdatedTime(NOW);
    }

    @Test
    void validEventHasNoProblems() {
        assertThat(validator.problems(event().build())).isEmpty();
    }

    @Test
    void idsMustBeNonEmptyAndBounded() {
        assertThat(validator.problems(event().setUserId("").build()))
                .containsExactly("user_id: must not be empty");
        assertThat(validator.problems(event().setItemId("x".repeat(129)).build()))
                .containsExactly("item_id: 129 characters, at most 128 allowed");
        assertThat(validator.problems(event().setEventId("  ").build()))
                .containsExactly("event_id: must not be blank");
        assertThat(validator.problems(event().setCategoryId("").build()))
                .containsExactly("category_id: must not be empty");
    }

    @Test
    void typeMustBeKnown() {
        assertThat(validator.problems(event().setType(EventType.UNKNOWN).build()))
                .singleElement()
                .asString()
                .startsWith("type: unknown event type");
    }

    @Test
    void timestampsMustLieBetween2000AndOneDayAfterNow() {
        assertThat(
                        validator.problems(
                                event().setEventTime(Instant.ofEpochMilli(1511539217L)).build()))
                .singleElement()
                .asString()
                .startsWith("event_time: 1970-01-18")
                .contains("epoch seconds sent where milliseconds were expected");
        assertThat(validator.problems(event().setEventTime(NOW.plusSeconds(86_400 + 1)).build()))
                .singleElement()
                .asString()
                .contains("in the future");
        assertThat(validator.problems(event().setEventTime(NOW.plusSeconds(3_600)).build()))
                .isEmpty();
    }

    @Test
    void vectorsMustBeFiniteAndOfTheConfiguredDimension() {
        assertThat(validator.problems(item().build())).isEmpty();
        assertThat(validator.problems(item().setEmbedding(List.of(1f, 0f)).build()))
                .containsExactly("embedding: dimension 2, expected 4");
        assertThat(validator.problems(item().setEmbedding(List.of(1f, Float.NaN, 0f, 0f)).build()))
                .containsExactly("embedding: component 1 is NaN, must be finite");
        assertThat(validator.problems(item().setEmbedding(List.of()).build()))
                .containsExactly("embedding: empty vector");
        // A tombstone carries no vector.
        assertThat(validator.problems(item().setDeleted(true).setEmbedding(List.of()).build()))
                .isEmpty();
    }

    @Test
    void modelInfoIsCheckedForShapeAndCategoryHeads() {
        ModelInfo info =
                ModelInfo.newBuilder()
                        .setModelVersion("v1")
                        .setLevels(2)
                        .setHeadDim(2)
                        .setGamma(5f)
                        .setCutpoints(List.of(1f, 2f))
                        .setBaseRates(List.of(0.3f, 0.1f))
                        .setCategoryHeads(List.of(new CategoryHeads("c", List.of(1f, 0f, 1f))))
                        .setCreatedTime(NOW)
                        .build();
        assertThat(validator.problems(info))
                .containsExactly("category_heads[c]: dimension 3, expected 4");
    }

    @Test
    void aNegativeItemCountIsRefused() {
        ModelInfo info =
                ModelInfo.newBuilder()
                        .setModelVersion("v2")
                        .setLevels(1)
                        .setHeadDim(2)
                        .setGamma(5f)
                        .setCutpoints(List.of(1f))
                        .setBaseRates(List.of(0.3f))
                        .setCreatedTime(NOW)
                        .setItemCount(-1)
                        .build();
        assertThat(validator.problems(info))
                .containsExactly("item_count: must be >= 0 (0 = unknown), was -1");
    }
}
