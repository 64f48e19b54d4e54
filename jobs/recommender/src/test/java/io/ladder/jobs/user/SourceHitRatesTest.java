package io.ladder.jobs.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.user.SourceHitRates.Source;
import org.junit.jupiter.api.Test;

class SourceHitRatesTest {
    @Test
    void beforeAnyPurchaseTheUsersOwnItemsLeadAndEachSourceKeepsItsOrder() {
        SourceHitRates rates = new SourceHitRates();
        assertThat(rates.probability(Source.TOUCHED, 49))
                .isGreaterThan(rates.probability(Source.RETRIEVED, 0));
        assertThat(rates.probability(Source.RETRIEVED, 99))
                .isGreaterThan(rates.probability(Source.TRENDING, 50));
        for (Source s : Source.values()) {
            for (int r = 0; r < 300; r++) {
                assertThat(rates.probability(s, r)).isGreaterThan(rates.probability(s, r + 1));
            }
        }
    }

    @Test
    void whenPeopleNeverBuyWhatTheyTouchedRetrievedItemsTakeTheTop() {
        SourceHitRates rates = new SourceHitRates();
        for (int i = 0; i < 2_000; i++) {
            rates.record(-1, i % 40, i % 7 == 0 ? 30 : -1, -1); // discovery: never a touched item
        }
        assertThat(rates.probability(Source.RETRIEVED, 30))
                .isGreaterThan(rates.probability(Source.TOUCHED, 0));
        assertThat(rates.share(Source.TOUCHED)).isZero();
        assertThat(rates.share(Source.RETRIEVED))
                .isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void whenPeopleBuyAgainWhatTheyTouchedTheTouchedTopStaysAhead() {
        SourceHitRates rates = new SourceHitRates();
        for (int i = 0; i < 2_000; i++) {
            if (i % 3 == 0) {
                rates.record(-1, 5, -1, -1);
            } else {
                rates.record(i % 2, -1, -1, -1); // mostly the newest touched items
            }
        }
        assertThat(rates.probability(Source.TOUCHED, 1))
                .isGreaterThan(rates.probability(Source.RETRIEVED, 5));
        assertThat(rates.probability(Source.RETRIEVED, 5))
                .isGreaterThan(rates.probability(Source.TOUCHED, 10));
    }

    @Test
    void aRestoreFromEverySubtasksSnapshotStartsFromTheirMean() {
        SourceHitRates a = new SourceHitRates();
        SourceHitRates b = new SourceHitRates();
        for (int i = 0; i < 1_000; i++) {
            a.record(-1, 0, -1, -1);
            b.record(-1, 2, -1, -1);
        }
        SourceHitRates restored = new SourceHitRates();
        restored.restore(java.util.List.of(a.snapshot(), b.snapshot(), new double[3]));
        assertThat(restored.purchases())
                .isEqualTo(a.purchases(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(restored.probability(Source.RETRIEVED, 0))
                .isBetween(b.probability(Source.RETRIEVED, 0), a.probability(Source.RETRIEVED, 0));
        assertThat(restored.probability(Source.RETRIEVED, 0))
                .isGreaterThan(restored.probability(Source.TOUCHED, 0));
    }

    @Test
    void aSourceKeepsItsOwnOrderWhenALowerRankHappensToBeHitMoreOften() {
        SourceHitRates rates = new SourceHitRates();
        for (int i = 0; i < 1_000; i++) {
            rates.record(i % 10 == 0 ? 0 : 3, -1, -1, -1);
        }
        // Pooled: ranks 0..4 share one rate, above the prior of rank 5 on.
        assertThat(rates.probability(Source.TOUCHED, 0))
                .isGreaterThan(rates.probability(Source.TOUCHED, 3))
                .isEqualTo(
                        rates.probability(Source.TOUCHED, 3),
                        org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rates.probability(Source.TOUCHED, 4))
                .isGreaterThan(100 * rates.probability(Source.TOUCHED, 5));
    }

    @Test
    void
            aSnapshotFromBeforeTheCoEngagedSourceRestoresTheOlderSourcesAndTheNewOneStartsAtItsPrior() {
        SourceHitRates before = new SourceHitRates();
        for (int i = 0; i < 1_000; i++) {
            before.record(-1, 0, -1, -1);
        }
        double[] full = before.snapshot();
        // The release before the co-engaged source wrote purchases and three sources' buckets.
        double[] older = java.util.Arrays.copyOf(full, 1 + 3 * SourceHitRates.START.length);
        SourceHitRates restored = new SourceHitRates();
        restored.restore(java.util.List.of(older));
        assertThat(restored.purchases())
                .isEqualTo(before.purchases(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(restored.probability(Source.RETRIEVED, 0))
                .isEqualTo(
                        before.probability(Source.RETRIEVED, 0),
                        org.assertj.core.data.Offset.offset(1e-12));
        assertThat(restored.probability(Source.CO_ENGAGED, 0))
                .isEqualTo(
                        new SourceHitRates().probability(Source.CO_ENGAGED, 0)
                                * (SourceHitRates.PRIOR_PURCHASES
                                        / (SourceHitRates.PRIOR_PURCHASES + before.purchases())),
                        org.assertj.core.data.Offset.offset(1e-9));
    }
}
