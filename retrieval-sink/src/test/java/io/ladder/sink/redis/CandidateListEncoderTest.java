package io.ladder.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.CandidateSource;
import io.ladder.schemas.codec.Codecs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CandidateListEncoderTest {
    private static final String[] IDS = {"1234567", "", "é-ß-漢字", "item:\u0000:x", "😀"};

    @Test
    void knowsTheCurrentSchema() {
        assertThat(CandidateListEncoder.SUPPORTED)
                .as("CandidateList changed: update CandidateListEncoder (or remove the fast path)")
                .isTrue();
    }

    @Test
    void writesExactlyWhatTheAvroCodecWrites() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            CandidateList list = randomList(random);
            assertThat(CandidateListEncoder.encode(list, 0))
                    .as("list %d", i)
                    .isEqualTo(Codecs.CANDIDATE_LIST.encode(list));
        }
    }

    @Test
    void leavesRoomForTheHeader() {
        CandidateList list = randomList(new SplittableRandom(5));
        byte[] withRoom = CandidateListEncoder.encode(list, 9);
        byte[] plain = Codecs.CANDIDATE_LIST.encode(list);
        assertThat(withRoom).hasSize(9 + plain.length);
        assertThat(java.util.Arrays.copyOfRange(withRoom, 9, withRoom.length)).isEqualTo(plain);
    }

    private static CandidateList randomList(SplittableRandom random) {
        int n = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 150);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id =
                    random.nextInt(5) == 0
                            ? IDS[random.nextInt(IDS.length)]
                            : Integer.toString(random.nextInt(10_000_000));
            float score =
                    switch (random.nextInt(20)) {
                        case 0 -> Float.NaN;
                        case 1 -> Float.NEGATIVE_INFINITY;
                        case 2 -> -0.0f;
                        default -> (float) random.nextDouble(-5, 5);
                    };
            candidates.add(
                    new Candidate(
                            id,
                            score,
                            CandidateSource.values()[
                                    random.nextInt(CandidateSource.values().length)],
                            random.nextInt(-1, 1_000_000)));
        }
        return new CandidateList(
                random.nextBoolean() ? "u" + random.nextLong() : IDS[random.nextInt(IDS.length)],
                candidates,
                random.nextBoolean() ? "" : "tower-" + random.nextInt(),
                Instant.ofEpochMilli(random.nextLong(-1L << 50, 1L << 50)),
                Instant.ofEpochMilli(random.nextLong(0, 1L << 42)),
                random.nextInt(3) == 0 ? Long.MAX_VALUE : random.nextLong(0, Long.MAX_VALUE));
    }
}
