package io.ladder.jobs.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.user.CandidateAssembler.Scored;
import io.ladder.jobs.user.SourceHitRates.Source;
import io.ladder.model.UserState;
import io.ladder.schemas.CandidateSource;
import io.ladder.trending.TrendingItems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each interest keeps its quota of the retrieved source, however strong the others' items are. */
class CandidateAssemblerQuotaTest {
    static List<Scored> retrieved(int interest, int n, double top) {
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(
                    new Scored(
                            "i" + interest + "-" + i,
                            top - 0.01 * i,
                            CandidateSource.INTEREST,
                            interest));
        }
        return out;
    }

    static List<Scored> retrievedSource(
            CandidateAssembler assembler, List<Scored> retrieved, Map<Integer, Integer> quotas) {
        UserState state = new UserState(JobFixtures.LEVELS, JobFixtures.HEAD_DIM);
        return assembler
                .sources(
                        state,
                        null,
                        retrieved,
                        quotas,
                        new TrendingItems(3_600_000L, 10, 4, 100),
                        id -> null,
                        null,
                        0,
                        0,
                        id -> true,
                        0)
                .of(Source.RETRIEVED);
    }

    @Test
    void aMinorInterestKeepsItsSlotsAgainstAStrongerMajorOne() {
        CandidateAssembler assembler = new CandidateAssembler(10, false);
        List<Scored> all = new ArrayList<>(retrieved(0, 20, 0.9));
        all.addAll(retrieved(1, 20, 0.3)); // every item of interest 1 scores below interest 0's
        Map<Integer, Integer> quotas = new LinkedHashMap<>();
        quotas.put(0, 7);
        quotas.put(1, 3);

        List<Scored> out = retrievedSource(assembler, all, quotas);
        assertThat(out).filteredOn(s -> s.interest() == 0).hasSize(7);
        assertThat(out)
                .filteredOn(s -> s.interest() == 1)
                .extracting(Scored::itemId)
                .containsExactly("i1-0", "i1-1", "i1-2"); // its own best three
        assertThat(out)
                .extracting(Scored::score)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void anItemTwoInterestsRetrieveFillsOneSlotAndTheNextOneTakesTheOther() {
        CandidateAssembler assembler = new CandidateAssembler(10, false);
        List<Scored> all = new ArrayList<>(retrieved(0, 5, 0.9));
        all.add(new Scored("i0-0", 0.95, CandidateSource.INTEREST, 1)); // also interest 1's best
        all.addAll(retrieved(1, 5, 0.5));
        Map<Integer, Integer> quotas = Map.of(0, 2, 1, 2);

        List<Scored> out = retrievedSource(assembler, all, new LinkedHashMap<>(quotas));
        assertThat(out).extracting(Scored::itemId).doesNotHaveDuplicates().hasSize(4);
        assertThat(out).extracting(Scored::itemId).contains("i0-0", "i0-1");
    }

    @Test
    void anInterestWithoutQuotaContributesNothing() {
        CandidateAssembler assembler = new CandidateAssembler(10, false);
        List<Scored> all = new ArrayList<>(retrieved(0, 5, 0.9));
        all.addAll(retrieved(2, 5, 0.99)); // interest 2 closed since the query
        Map<Integer, Integer> quotas = new LinkedHashMap<>();
        quotas.put(0, 3);
        assertThat(retrievedSource(assembler, all, quotas))
                .extracting(Scored::interest)
                .containsOnly(0);
    }
}
