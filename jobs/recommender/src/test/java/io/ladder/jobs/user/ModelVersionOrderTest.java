package io.ladder.jobs.user;

import static io.ladder.jobs.fixtures.JobFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.catalog.ModelVersionOrder;
import io.ladder.jobs.catalog.ModelVersionOrder.Decision;
import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.replay.ReplayDriver;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.EventType;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.Codecs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One current item-tower version on every subtask, whatever order versions arrive in. */
class ModelVersionOrderTest {
    static ModelInfo version(String name, long secondsAfterT0) {
        return ModelInfo.newBuilder(JobFixtures.modelInfo())
                .setModelVersion(name)
                .setCreatedTime(JobFixtures.T0.plusSeconds(secondsAfterT0))
                .build();
    }

    @Test
    void theNewestByCreatedTimeThenVersionNameWinsInAnyArrivalOrder() {
        ModelInfo v1 = version("v1", 0);
        ModelInfo v2 = version("v2", 60);
        ModelInfo tieLater = version("v3", 60); // same time: the larger name is newer
        assertThat(ModelVersionOrder.decide(null, v1)).isEqualTo(Decision.ADOPT);
        assertThat(ModelVersionOrder.decide(v1, v2)).isEqualTo(Decision.ADOPT);
        assertThat(ModelVersionOrder.decide(v2, v1)).isEqualTo(Decision.IGNORE_OLDER);
        assertThat(ModelVersionOrder.decide(v2, tieLater)).isEqualTo(Decision.ADOPT);
        assertThat(ModelVersionOrder.decide(tieLater, v2)).isEqualTo(Decision.IGNORE_OLDER);
        assertThat(ModelVersionOrder.decide(v2, v2)).isEqualTo(Decision.ADOPT); // a republish
    }

    @Test
    void theSameVersionWithAnotherShapeIsRefused() {
        ModelInfo v1 = version("v1", 0);
        ModelInfo reshaped = ModelInfo.newBuilder(v1).setHeadDim(8).build();
        assertThat(ModelVersionOrder.decide(v1, reshaped)).isEqualTo(Decision.REFUSE_CONFLICT);
    }

    @Test
    void anOlderVersionArrivingLateLeavesTheCurrentOneInUseAndIsCounted() throws Exception {
        CountingMetrics metrics = new CountingMetrics();
        List<CandidateList> out = new ArrayList<>();
        ReplayDriver driver = RecommenderTest.driver(metrics, out, "--list.min-interval", "1ms");
        ModelInfo older = version("test-v0", -3600);
        driver.catalog(
                CatalogRecord.model(
                        "test-v0",
                        Codecs.MODEL_INFO.encode(older),
                        older.getCreatedTime().toEpochMilli()));
        ModelInfo reshaped = ModelInfo.newBuilder(JobFixtures.modelInfo()).setLevels(1).build();
        driver.catalog(
                CatalogRecord.model(
                        JobFixtures.VERSION,
                        Codecs.MODEL_INFO.encode(reshaped),
                        JobFixtures.T0.toEpochMilli()));
        driver.event(event("e1", "u1", "a0", EventType.CLICK, 0));
        assertThat(out)
                .singleElement()
                .satisfies(l -> assertThat(l.getModelVersion()).isEqualTo(JobFixtures.VERSION));
        assertThat(metrics.modelsIgnored()).isEqualTo(1);
        assertThat(metrics.modelsRefused()).isEqualTo(1);
    }
}
