package io.ladder.sink.testing;

import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.CandidateSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Candidate lists with fixed instants and seeded, realistic 7-digit item ids. */
public final class CandidateListFixtures {
    public static final Instant GENERATED = Instant.parse("2026-11-26T12:00:00Z");
    public static final Instant AS_OF = Instant.parse("2026-11-26T11:59:58.500Z");
    public static final String MODEL_VERSION = "tower-2026-11-25";
    private static final CandidateSource[] SOURCES = {
        CandidateSource.INTEREST, CandidateSource.RECENT, CandidateSource.TRENDING,
    };

    private CandidateListFixtures() {}

    /** A list of 10 candidates. */
    public static CandidateList list(String userId, long sequence) {
        return list(userId, sequence, 10);
    }

    /**
     * A list of {@code n} candidates, best first. Item ids depend on (user, sequence), so a test
     * can tell which list a store kept; the first item is {@link #firstItem(String, long)}.
     */
    public static CandidateList list(String userId, long sequence, int n) {
        SplittableRandom random = new SplittableRandom(userId.hashCode() * 31L + sequence);
        List<Candidate> candidates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CandidateSource source = SOURCES[i % SOURCES.length];
            candidates.add(
                    Candidate.newBuilder()
                            .setItemId(
                                    i == 0
                                            ? firstItem(userId, sequence)
                                            : Integer.toString(
                                                    1_000_000 + random.nextInt(9_000_000)))
                            .setScore(1.0f - i / (float) (n + 1))
                            .setSource(source)
                            .setInterest(source == CandidateSource.INTEREST ? i % 4 : -1)
                            .build());
        }
        return CandidateList.newBuilder()
                .setUserId(userId)
                .setCandidates(candidates)
                .setModelVersion(MODEL_VERSION)
                .setGeneratedTime(GENERATED.plusMillis(sequence))
                .setAsOf(AS_OF.plusMillis(sequence))
                .setSequence(sequence)
                .build();
    }

    /** The first item id of {@code list(userId, sequence, n)}: 7 digits, unique per sequence. */
    public static String firstItem(String userId, long sequence) {
        return Long.toString(
                1_000_000 + Math.floorMod(userId.hashCode() * 7919L + sequence, 9_000_000));
    }
}
