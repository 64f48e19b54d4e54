package io.ladder.sink.store;

import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Shared read-side helpers of the store implementations. */
final class StoredLists {
    private StoredLists() {}

    static void checkN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
    }

    static StoredCandidates topN(CandidateList list, int n, Clock clock) {
        List<Candidate> all = list.getCandidates();
        Instant generated = list.getGeneratedTime();
        return new StoredCandidates(
                list.getUserId(),
                all.subList(0, Math.min(n, all.size())),
                all.size(),
                list.getModelVersion(),
                generated,
                list.getAsOf(),
                list.getSequence(),
                Duration.between(generated, clock.instant()));
    }
}
