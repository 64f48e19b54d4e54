package io.ladder.sink.store;

import io.ladder.schemas.CandidateList;
import java.util.Optional;

/**
 * Users' candidate lists as the serving tier sees them: one list per user, never replaced by one
 * with a lower or equal {@code sequence}.
 */
public interface CandidateStore extends AutoCloseable {
    /**
     * Stores {@code list} as its user's list unless the store holds one with an equal or higher
     * sequence.
     *
     * @return whether the list was stored
     */
    boolean put(CandidateList list);

    /**
     * The user's first {@code n} candidates with freshness metadata (one lookup).
     *
     * @param n how many candidates, >= 1
     * @return empty when the store has no list for the user
     */
    Optional<StoredCandidates> topN(String userId, int n);

    @Override
    default void close() {}
}
