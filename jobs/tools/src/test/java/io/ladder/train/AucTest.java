package io.ladder.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class AucTest {
    @Test
    void countsCorrectlyOrderedPositiveNegativePairs() {
        // positives 0.35, 0.8; negatives 0.1, 0.4: 3 of the 4 pairs are ordered right
        double auc =
                Auc.of(
                        new double[] {0.1, 0.4, 0.35, 0.8},
                        new boolean[] {false, false, true, true});
        assertThat(auc).isEqualTo(0.75);
    }

    @Test
    void tiesCountOneHalfAndExtremesAreZeroAndOne() {
        assertThat(Auc.of(new double[] {0.5, 0.5}, new boolean[] {true, false})).isEqualTo(0.5);
        assertThat(Auc.of(new double[] {1, 2, 3}, new boolean[] {false, true, true}))
                .isEqualTo(1.0);
        assertThat(Auc.of(new double[] {1, 2, 3}, new boolean[] {true, false, false}))
                .isEqualTo(0.0);
        // one positive tied with one of two negatives, above the other: (1 + 0.5) / 2
        assertThat(Auc.of(new double[] {2, 2, 1}, new boolean[] {true, false, false}))
                .isEqualTo(0.75);
    }

    @Test
    void undefinedWithoutBothClasses() {
        assertThat(Auc.of(new double[] {1, 2}, new boolean[] {true, true})).isNaN();
        assertThat(Auc.of(new double[0], new boolean[0])).isNaN();
    }

    @Test
    void perLevelAucsUseOnlyPairsAtOrAboveThePreviousLevel() {
        // labels:  0    0    1    1    2    3
        // z1:     0.0  0.5  0.4  0.9  0.8  0.7   level 1: pos {1,1,2,3} vs neg {0,0}
        // z2:     9.0  9.0  0.1  0.6  0.5  0.2   level 2: pos {2,3} vs neg {1,1}; label 0 ignored
        // z3:     9.0  9.0  9.0  9.0  0.3  0.4   level 3: pos {3} vs neg {2}; labels 0,1 ignored
        byte[] labels = {0, 0, 1, 1, 2, 3};
        double[] z = {
            0.0, 9.0, 9.0, //
            0.5, 9.0, 9.0, //
            0.4, 0.1, 9.0, //
            0.9, 0.6, 9.0, //
            0.8, 0.5, 0.3, //
            0.7, 0.2, 0.4
        };
        LevelAucs a = LevelAucs.of(labels, z, 3);
        // level 1: positives 0.4, 0.9, 0.8, 0.7 vs negatives 0.0, 0.5: 7 of 8 pairs
        assertThat(a.engagement()).isEqualTo(7.0 / 8);
        // level 2: positives 0.5, 0.2 vs negatives 0.1, 0.6: (1 + 0) + (1 + 0) = 2 of 4
        assertThat(a.cartGivenClick()).isEqualTo(0.5);
        // level 3: 0.4 vs 0.3
        assertThat(a.purchaseGivenCart()).isEqualTo(1.0);
        // purchase vs all on z3: 0.4 vs {9, 9, 9, 9, 0.3}: 1 of 5
        assertThat(a.purchaseVsAll()).isEqualTo(0.2);
        assertThat(a.mean()).isCloseTo((7.0 / 8 + 0.5 + 1.0) / 3, offset(1e-12));
        assertThat(a.pairs()).containsExactly(2, 2, 1, 1);
    }

    @Test
    void aOneLevelModelIsScoredByItsOnlyLogitAtEveryLevel() {
        byte[] labels = {0, 1, 2, 3};
        LevelAucs a = LevelAucs.of(labels, new double[] {0.1, 0.2, 0.3, 0.4}, 1);
        assertThat(a.engagement()).isEqualTo(1.0);
        assertThat(a.cartGivenClick()).isEqualTo(1.0);
        assertThat(a.purchaseGivenCart()).isEqualTo(1.0);
        assertThat(a.purchaseVsAll()).isEqualTo(1.0);
    }
}
