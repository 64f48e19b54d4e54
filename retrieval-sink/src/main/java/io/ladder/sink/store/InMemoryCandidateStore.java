package io.ladder.sink.store;

import io.ladder.schemas.CandidateList;
import io.ladder.sink.redis.CandidateValue;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link CandidateStore} in a map, for tests and local runs. Keeps the encoded value, exactly as
 * Redis does, so a caller can never see a list changed after {@link #put}; same never-older rule.
 */
public final class InMemoryCandidateStore implements CandidateStore {
    private final ConcurrentMap<String, byte[]> values = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryCandidateStore() {
        this(Clock.systemUTC());
    }

    public InMemoryCandidateStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean put(CandidateList list) {
        byte[] value = CandidateValue.encode(list);
        long sequence = list.getSequence();
        boolean[] stored = {false};
        values.compute(
                list.getUserId(),
                (user, current) -> {
                    if (current != null && CandidateValue.sequence(current) >= sequence) {
                        return current;
                    }
                    stored[0] = true;
                    return value;
                });
        return stored[0];
    }

    @Override
    public Optional<StoredCandidates> topN(String userId, int n) {
        StoredLists.checkN(n);
        byte[] value = values.get(userId);
        return value == null
                ? Optional.empty()
                : Optional.of(StoredLists.topN(CandidateValue.decode(value), n, clock));
    }

    /** Number of users with a list. */
    public int size() {
        return values.size();
    }
}
