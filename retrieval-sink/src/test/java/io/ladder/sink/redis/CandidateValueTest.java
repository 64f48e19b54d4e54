package io.ladder.sink.redis;

import static io.ladder.sink.testing.CandidateListFixtures.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.schemas.CandidateList;
import io.ladder.schemas.codec.Codecs;
import io.ladder.schemas.codec.InvalidRecordException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CandidateValueTest {
    @Test
    void roundTrips() {
        CandidateList list = list("u", 12_345, 100);
        assertThat(CandidateValue.decode(CandidateValue.encode(list))).isEqualTo(list);
    }

    @Test
    void headerIsFormatByteThenBigEndianSequenceThenAvroSingleObject() {
        CandidateList list = list("u", 0x0102030405L);
        byte[] value = CandidateValue.encode(list);

        assertThat(Arrays.copyOfRange(value, 0, 9))
                .containsExactly(0x01, 0, 0, 0, 0x01, 0x02, 0x03, 0x04, 0x05);
        assertThat(Arrays.copyOfRange(value, 9, value.length))
                .isEqualTo(Codecs.CANDIDATE_LIST.encode(list));
        assertThat(CandidateValue.sequence(value)).isEqualTo(0x0102030405L);
    }

    /** The write script compares the 8 sequence bytes lexicographically as unsigned bytes. */
    @Test
    void headerBytesOrderLikeSequences() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 2_000; i++) {
            long a = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            long b = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            byte[] va = CandidateValue.encode(list("u", a, 1));
            byte[] vb = CandidateValue.encode(list("u", b, 1));
            int bytes = Arrays.compareUnsigned(va, 1, 9, vb, 1, 9);
            assertThat(Integer.signum(bytes)).as("%d vs %d", a, b).isEqualTo(Long.signum(a - b));
        }
    }

    @Test
    void negativeSequenceIsRejected() {
        assertThatThrownBy(() -> CandidateValue.encode(list("u", -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative sequence");
    }

    @Test
    void foreignValuesAreRejectedClearly() {
        assertThatThrownBy(() -> CandidateValue.decode(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, 1, 5}))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("unknown candidate value format 2");
        assertThatThrownBy(() -> CandidateValue.decode(new byte[] {1, 2}))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("9-byte header");
    }

    @Test
    void hundredCandidatesWithSevenDigitIdsFitWellUnderTwoKilobytes() {
        assertThat(CandidateValue.encode(list("user-1234567", 99, 100)).length).isLessThan(1_600);
    }
}
