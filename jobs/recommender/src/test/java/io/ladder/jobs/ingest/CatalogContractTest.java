package io.ladder.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.schemas.DeadLetter;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A version or vector the model would refuse is a dead letter at the catalogue's decode step. */
class CatalogContractTest {
    static CatalogRecord decode(byte[] value) {
        return new CatalogDecoder()
                .decode(
                        new ConsumerRecord<>(
                                "items", 0, 7L, "k".getBytes(StandardCharsets.UTF_8), value));
    }

    static DeadLetter deadLetter(CatalogRecord record) {
        assertThat(record.kind).isEqualTo(CatalogRecord.Kind.REJECTED);
        return Codecs.DEAD_LETTER.decode(record.payload);
    }

    @Test
    void theFixtureTowerAndItsItemsPass() {
        assertThat(decode(Codecs.MODEL_INFO.encode(JobFixtures.modelInfo())).kind)
                .isEqualTo(CatalogRecord.Kind.MODEL);
        for (Item item : JobFixtures.items()) {
            assertThat(decode(Codecs.ITEM.encode(item)).kind).isEqualTo(CatalogRecord.Kind.ITEM);
        }
    }

    @Test
    void aVersionWithMoreLevelsThanTheModelSeparatesIsRefusedAtDecode() {
        ModelInfo fourLevels =
                ModelInfo.newBuilder(JobFixtures.modelInfo())
                        .setLevels(4)
                        .setCutpoints(List.of(0.5f, 2.5f, 3.5f, 4f))
                        .setCategoryHeads(List.of())
                        .build();
        DeadLetter dead = deadLetter(decode(Codecs.MODEL_INFO.encode(fourLevels)));
        assertThat(dead.getStage()).isEqualTo(DeadLetters.STAGE_VALIDATE);
        assertThat(dead.getReason()).contains("levels: 4 is outside 1..3");
    }

    @Test
    void nanOrUnorderedCutpointsAndUnnormalisedCategoryHeadsAreRefused() {
        ModelInfo nan =
                ModelInfo.newBuilder(JobFixtures.modelInfo())
                        .setCutpoints(List.of(0.5f, Float.NaN, 3.5f))
                        .build();
        assertThat(deadLetter(decode(Codecs.MODEL_INFO.encode(nan))).getReason())
                .contains("cutpoints[1]: NaN");
        ModelInfo unordered =
                ModelInfo.newBuilder(JobFixtures.modelInfo())
                        .setCutpoints(List.of(3.5f, 2.5f, 0.5f))
                        .build();
        assertThat(deadLetter(decode(Codecs.MODEL_INFO.encode(unordered))).getReason())
                .contains("must not decrease");
        ModelInfo info = JobFixtures.modelInfo();
        var heads = new java.util.ArrayList<>(info.getCategoryHeads().get(0).getEmbedding());
        heads.set(0, 50f);
        ModelInfo badHeads =
                ModelInfo.newBuilder(info)
                        .setCategoryHeads(List.of(new io.ladder.schemas.CategoryHeads("A", heads)))
                        .build();
        assertThat(deadLetter(decode(Codecs.MODEL_INFO.encode(badHeads))).getReason())
                .contains("category_heads[A]: head 0 has norm");
    }

    @Test
    void anItemWithAHugeNormIsRefusedInsteadOfToppingEveryList() {
        Item item = JobFixtures.items().get(0);
        List<Float> huge = item.getEmbedding().stream().map(x -> x * 1e6f).toList();
        DeadLetter dead =
                deadLetter(
                        decode(
                                Codecs.ITEM.encode(
                                        Item.newBuilder(item).setEmbedding(huge).build())));
        assertThat(dead.getReason()).startsWith("embedding: head 0 has norm");
        assertThat(dead.getSourceOffset()).isEqualTo(7L);
    }
}
