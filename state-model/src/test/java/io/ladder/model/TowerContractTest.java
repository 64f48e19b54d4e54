package io.ladder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TowerContractTest {
    static float[] unitHeads(int levels, int headDim) {
        float[] v = new float[levels * headDim];
        for (int t = 0; t < levels; t++) {
            v[t * headDim + t % headDim] = 1f;
        }
        return v;
    }

    @Test
    void theLinkTheModelAcceptsIsExactlyWhatTheContractAccepts() {
        double[] ok = {0.5, 2.5, 3.5};
        assertThat(TowerContract.linkProblems(3, 4, ok)).isEmpty();
        assertThat(new OrdinalModel(3, 4, ok, OrdinalModel.Loss.NESTED).levels()).isEqualTo(3);

        double[][] bad = {
            {0.5, Double.NaN, 3.5}, {0.5, Double.POSITIVE_INFINITY, 3.5}, {2.5, 0.5, 3.5}
        };
        for (double[] cutpoints : bad) {
            assertThat(TowerContract.linkProblems(3, 4, cutpoints))
                    .singleElement()
                    .asString()
                    .startsWith("cutpoints");
            assertThatThrownBy(() -> new OrdinalModel(3, 4, cutpoints, OrdinalModel.Loss.NESTED))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cutpoints");
        }
        assertThat(TowerContract.linkProblems(4, 4, new double[] {1, 2, 3, 4}))
                .singleElement()
                .asString()
                .startsWith("levels: 4 is outside 1..3");
        assertThatThrownBy(() -> UserModelConfig.builder().levels(4).build())
                .hasMessageContaining("levels must be in 1..3");
        for (double gamma : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e6}) {
            assertThat(TowerContract.linkProblems(3, gamma, ok))
                    .as("gamma %s", gamma)
                    .singleElement()
                    .asString()
                    .startsWith("gamma");
        }
    }

    @Test
    void headsMustBeFiniteAndOfUnitNormAtTheVersionsShape() {
        assertThat(TowerContract.headsProblem(unitHeads(3, 4), 3, 4)).isNull();
        assertThat(TowerContract.headsProblem(unitHeads(3, 4), 3, 5)).startsWith("dimension 12");
        float[] big = unitHeads(3, 4);
        big[5] = 1000f;
        assertThat(TowerContract.headsProblem(big, 3, 4)).startsWith("head 1 has norm 1000");
        float[] nan = unitHeads(3, 4);
        nan[2] = Float.NaN;
        assertThat(TowerContract.headsProblem(nan, 3, 4)).contains("NaN");
    }

    @Test
    void anItemVectorIsOneToThreeUnitHeadsWhateverItsVersionsHeadDimension() {
        assertThat(TowerContract.itemVectorProblem(unitHeads(3, 32))).isNull();
        assertThat(TowerContract.itemVectorProblem(unitHeads(1, 7))).isNull();
        assertThat(TowerContract.itemVectorProblem(unitHeads(2, 5))).isNull();
        float[] huge = unitHeads(3, 32);
        for (int i = 0; i < huge.length; i++) {
            huge[i] *= 1e6f;
        }
        assertThat(TowerContract.itemVectorProblem(huge)).contains("has norm");
        assertThat(TowerContract.itemVectorProblem(new float[] {1e30f, Float.POSITIVE_INFINITY}))
                .contains("must be finite");
        assertThat(TowerContract.itemVectorProblem(new float[0])).contains("dimension 0");
    }
}
