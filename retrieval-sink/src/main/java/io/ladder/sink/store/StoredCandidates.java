package io.ladder.sink.store;

import io.ladder.schemas.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A user's top-n candidates as read from the store, with how fresh they are.
 *
 * @param userId the user
 * @param candidates the first n candidates, best first
 * @param totalCandidates how many candidates the stored list holds
 * @param modelVersion item-tower version the scores come from ('' before any model)
 * @param generatedTime wall-clock time the list was built
 * @param asOf event time of the newest event the list reflects
 * @param sequence how many of the user's events the list reflects
 * @param age time between {@code generatedTime} and the read (by the store's clock)
 */
public record StoredCandidates(
        String userId,
        List<Candidate> candidates,
        int totalCandidates,
        String modelVersion,
        Instant generatedTime,
        Instant asOf,
        long sequence,
        Duration age) {
    public StoredCandidates {
        candidates = List.copyOf(candidates);
    }
}
