package io.ladder.jobs.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ladder.jobs.user.SourceHitRates.Source;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceFusionTest {
    /** Ranks in Source order: touched, retrieved, trending, co-engaged (-1: absent). */
    static int[] at(int touched, int retrieved, int trending, int coEngaged) {
        return new int[] {touched, retrieved, trending, coEngaged};
    }

    @Test
    void beforeAnyPurchaseACandidateOfOneSourceScoresAsItsHitRateThere() {
        SourceHitRates rates = new SourceHitRates();
        SourceFusion fusion = SourceFusion.startingFrom(rates);
        for (int rank : new int[] {0, 3, 30}) {
            double p = rates.probability(Source.RETRIEVED, rank);
            assertThat(fusion.probability(at(-1, rank, -1, -1)))
                    .isCloseTo(p / (1 + p), within(1e-9));
        }
        assertThat(fusion.probability(at(5, -1, -1, -1)))
                .isGreaterThan(fusion.probability(at(-1, 0, -1, -1)));
        assertThat(fusion.probability(at(-1, 0, -1, -1)))
                .isGreaterThan(fusion.probability(at(-1, 1, -1, -1)));
    }

    @Test
    void whenPurchasesAreWhatTwoSourcesAgreeOnSuchACandidateLeadsBothSourcesTops() {
        SourceFusion fusion = SourceFusion.startingFrom(new SourceHitRates());
        int[] agreed = at(-1, 12, -1, 12);
        int[] retrievedTop = at(-1, 0, -1, -1);
        int[] coEngagedTop = at(-1, -1, -1, 0);
        assertThat(fusion.probability(agreed)).isLessThan(fusion.probability(retrievedTop));
        for (int i = 0; i < 3_000; i++) {
            fusion.learn(agreed, List.of(retrievedTop, coEngagedTop, at(2, -1, -1, -1)), 10);
        }
        assertThat(fusion.probability(agreed))
                .isGreaterThan(fusion.probability(retrievedTop))
                .isGreaterThan(fusion.probability(at(0, -1, -1, -1)));
        assertThat(fusion.probability(agreed)).isGreaterThan(fusion.probability(coEngagedTop));
    }

    @Test
    void whenPeopleNeverBuyWhatTheyTouchedRetrievedItemsOvertakeTheTouchedTop() {
        SourceFusion fusion = SourceFusion.startingFrom(new SourceHitRates());
        assertThat(fusion.probability(at(0, -1, -1, -1)))
                .isGreaterThan(fusion.probability(at(-1, 10, -1, -1)));
        for (int i = 0; i < 2_000; i++) {
            List<int[]> negatives = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                negatives.add(at(r, -1, -1, -1));
                negatives.add(at(-1, 20 + r, -1, -1));
            }
            fusion.learn(at(-1, i % 12, -1, -1), negatives, 5);
        }
        assertThat(fusion.probability(at(-1, 10, -1, -1)))
                .isGreaterThan(fusion.probability(at(0, -1, -1, -1)));
        assertThat(fusion.leading(at(-1, 10, -1, 60))).isEqualTo(Source.RETRIEVED);
    }

    @Test
    void eachSourceKeepsItsOwnOrderWhateverRankThePurchasesHit() {
        SourceFusion fusion = SourceFusion.startingFrom(new SourceHitRates());
        for (int i = 0; i < 200; i++) {
            fusion.learn(at(3, -1, -1, -1), List.of(at(0, -1, -1, -1), at(1, -1, -1, -1)), 1);
        }
        for (int r = 0; r < 60; r++) {
            assertThat(fusion.probability(at(r, -1, -1, -1)))
                    .as("touched rank %d before rank %d", r, r + 1)
                    .isGreaterThan(fusion.probability(at(r + 1, -1, -1, -1)));
        }
    }

    @Test
    void aRestoreFromEverySubtasksSnapshotStartsFromTheirMeanAndRefusesAnotherLayout() {
        SourceFusion a = SourceFusion.startingFrom(new SourceHitRates());
        SourceFusion b = SourceFusion.startingFrom(new SourceHitRates());
        for (int i = 0; i < 500; i++) {
            a.learn(at(-1, 0, -1, -1), List.of(at(0, -1, -1, -1)), 1);
            b.learn(at(-1, 1, -1, -1), List.of(at(0, -1, -1, -1)), 1);
        }
        double[] sa = a.snapshot();
        double[] sb = b.snapshot();
        SourceFusion restored = SourceFusion.startingFrom(new SourceHitRates());
        assertThat(restored.restore(List.of(sa, sb))).isTrue();
        double[] mean = restored.snapshot();
        for (int i = 0; i < mean.length; i++) {
            assertThat(mean[i]).isCloseTo((sa[i] + sb[i]) / 2, within(1e-12));
        }
        SourceFusion fresh = SourceFusion.startingFrom(new SourceHitRates());
        double[] before = fresh.snapshot();
        assertThat(fresh.restore(List.of(new double[] {1, 2, 3}))).isFalse();
        assertThat(fresh.snapshot()).containsExactly(before);
    }
}
