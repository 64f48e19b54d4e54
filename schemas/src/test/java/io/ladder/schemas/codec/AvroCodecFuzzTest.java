package io.ladder.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of valid messages: decoding one gives a record or an {@link
 * InvalidRecordException}, never another exception or error.
 */
class AvroCodecFuzzTest {
    static final long SEED = 20_261_101L;
    static final int MUTATIONS = 20_000;

    @Test
    void mutatedMessagesDecodeOrAreRejectedNeverAnythingElse() {
        Random random = new Random(SEED);
        List<TestRecords.Encoded<?>> valid = TestRecords.all();
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            TestRecords.Encoded<?> base = valid.get(random.nextInt(valid.size()));
            byte[] mutated = mutate(base.bytes(), random);
            try {
                base.codec().decode(mutated);
                decoded++;
            } catch (InvalidRecordException e) {
                rejected++;
            } catch (Throwable t) {
                fail(
                        "mutation %d of a %s (seed %d) threw %s; bytes %s",
                        i,
                        base.codec().type().getSimpleName(),
                        SEED,
                        t,
                        HexFormat.of().formatHex(mutated),
                        t);
            }
        }
        // Both outcomes occur: the mutations are neither all harmless nor all fatal.
        assertThat(decoded).isPositive();
        assertThat(rejected).isPositive();
    }

    /** One to three mutations; the header is left alone most of the time to reach the body. */
    static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int from = random.nextInt(20) == 0 ? 0 : Math.min(10, bytes.length);
            if (bytes.length <= from) {
                break;
            }
            int at = from + random.nextInt(bytes.length - from);
            switch (random.nextInt(6)) {
                case 0, 1 -> bytes[at] ^= (byte) (1 << random.nextInt(8)); // bit flip
                case 2 -> bytes = Arrays.copyOf(bytes, at); // truncation
                case 3 -> bytes = overwriteVarint(bytes, at, randomLength(random));
                case 4 -> bytes[at] = (byte) random.nextInt(256); // random byte
                default -> bytes = insert(bytes, at, random); // inserted or trailing bytes
            }
        }
        return bytes;
    }

    /** Lengths a corrupt producer might write: huge, negative, just past the end, small. */
    static long randomLength(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> 1L << random.nextInt(63);
            case 1 -> -1 - random.nextInt(1000);
            case 2 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            case 3 -> 200 + random.nextInt(100);
            default -> random.nextInt(64);
        };
    }

    /** Writes {@code value} as a zig-zag varint over the bytes at {@code at}. */
    static byte[] overwriteVarint(byte[] bytes, int at, long value) {
        byte[] varint = Wire.body().varint(value).build();
        byte[] out = Arrays.copyOf(bytes, Math.max(bytes.length, at + varint.length));
        System.arraycopy(varint, 0, out, at, varint.length);
        return out;
    }

    static byte[] insert(byte[] bytes, int at, Random random) {
        byte[] extra = new byte[1 + random.nextInt(4)];
        random.nextBytes(extra);
        byte[] out = new byte[bytes.length + extra.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(bytes, at, out, at + extra.length, bytes.length - at);
        return out;
    }
}
