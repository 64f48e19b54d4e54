package io.ladder.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class HnswItemIndexBuilderTest {
    @Test
    void defaultsBuildAnEmptyIndexOfTheGivenDimensions() {
        try (HnswItemIndex index = HnswItemIndex.builder(8).build()) {
            assertThat(index.dimensions()).isEqualTo(8);
            assertThat(index.size()).isZero();
            assertThat(index.version()).isZero();
        }
    }

    @Test
    void buildSaysWhichSettingIsWrong() {
        assertRejected(HnswItemIndex.builder(0), "dimensions must be >= 1, was 0");
        assertRejected(b -> b.m(1), "m must be >= 2 (12 is a good start), was 1");
        assertRejected(
                b -> b.efConstruction(0),
                "efConstruction must be >= 1 (64 is a good start), was 0");
        assertRejected(b -> b.ef(0), "ef must be >= 1 (128 is a good start), was 0");
        assertRejected(b -> b.buildThreads(0), "buildThreads must be >= 1, was 0");
        assertRejected(
                b -> b.backgroundBuildThreads(0), "backgroundBuildThreads must be >= 1, was 0");
        assertRejected(b -> b.minHeadroom(0), "minHeadroom must be >= 1, was 0");
        assertRejected(b -> b.rebuildPolicy(null), "rebuildPolicy must not be null");
        assertRejected(b -> b.clock(null), "clock must not be null");
        assertRejected(
                b -> b.listener(null), "listener must not be null (use RebuildListener.NONE)");
    }

    @Test
    void theFirstWrongSettingIsTheOneReported() {
        assertRejected(b -> b.ef(0).m(0), "m must be >= 2");
    }

    private static void assertRejected(UnaryOperator<HnswItemIndexBuilder> change, String message) {
        assertRejected(change.apply(HnswItemIndex.builder(4)), message);
    }

    private static void assertRejected(HnswItemIndexBuilder builder, String message) {
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
