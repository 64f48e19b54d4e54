package io.ladder.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.schemas.DeadLetter;
import io.ladder.schemas.codec.Codecs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    static final String TOPIC = "ladder.events";

    static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    @Test
    void aTwoMegabyteOriginalGivesASmallDeadLetterWithItsLengthAndHash() throws Exception {
        byte[] value = randomBytes(2 * 1024 * 1024, 1);
        byte[] key = "u-1".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, 4, 99L, key, value);

        byte[] encoded =
                Codecs.DEAD_LETTER.encode(
                        DeadLetters.of(record, DeadLetters.STAGE_DECODE, "too big"));

        assertThat(encoded.length).isLessThan(100 * 1024);
        DeadLetter read = Codecs.DEAD_LETTER.decode(encoded);
        assertThat(read.getOriginalLength()).isEqualTo(value.length);
        assertThat(bytes(read.getOriginalSha256())).isEqualTo(sha256(value));
        assertThat(read.getOriginalTruncated()).isTrue();
        assertThat(bytes(read.getOriginal()))
                .isEqualTo(Arrays.copyOf(value, DeadLetters.MAX_ORIGINAL_BYTES));
        assertThat(bytes(read.getOriginalKey())).isEqualTo(key);
        assertThat(read.getSourceTopic()).isEqualTo(TOPIC);
        assertThat(read.getSourcePartition()).isEqualTo(4);
        assertThat(read.getSourceOffset()).isEqualTo(99L);
    }

    @Test
    void aSmallOriginalIsCopiedWhole() throws Exception {
        byte[] value = randomBytes(300, 2);
        DeadLetter letter =
                DeadLetters.of(
                        TOPIC,
                        0,
                        5L,
                        "k".getBytes(StandardCharsets.UTF_8),
                        value,
                        DeadLetters.STAGE_VALIDATE,
                        "event_time: missing");

        DeadLetter read = Codecs.DEAD_LETTER.decode(Codecs.DEAD_LETTER.encode(letter));
        assertThat(bytes(read.getOriginal())).isEqualTo(value);
        assertThat(read.getOriginalLength()).isEqualTo(300);
        assertThat(bytes(read.getOriginalSha256())).isEqualTo(sha256(value));
        assertThat(read.getOriginalTruncated()).isFalse();
        assertThat(read.getStage()).isEqualTo("validate");
        assertThat(read.getReason()).isEqualTo("event_time: missing");
    }

    @Test
    void anOriginalOfExactlyTheCapIsNotTruncated() {
        byte[] value = randomBytes(DeadLetters.MAX_ORIGINAL_BYTES, 3);
        DeadLetter letter =
                DeadLetters.of(TOPIC, 0, 0L, null, value, DeadLetters.STAGE_DECODE, "r");
        assertThat(letter.getOriginalTruncated()).isFalse();
        assertThat(letter.getOriginal().remaining()).isEqualTo(DeadLetters.MAX_ORIGINAL_BYTES);
    }

    @Test
    void aLongKeyIsCutToItsCapAndMarksTheDeadLetterTruncated() {
        byte[] key = randomBytes(10_000, 4);
        DeadLetter letter =
                DeadLetters.of(TOPIC, 1, 2L, key, new byte[] {1}, DeadLetters.STAGE_DECODE, "r");

        assertThat(bytes(letter.getOriginalKey()))
                .isEqualTo(Arrays.copyOf(key, DeadLetters.MAX_KEY_BYTES));
        assertThat(letter.getOriginalTruncated()).isTrue();
        // The value itself is whole: its length says so.
        assertThat(letter.getOriginal().remaining()).isEqualTo(1);
        assertThat(letter.getOriginalLength()).isEqualTo(1);
    }

    @Test
    void nullKeyAndValueAreRecordedAsNoKeyAndAnEmptyValue() throws Exception {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, 0, 7L, null, null);

        DeadLetter read =
                Codecs.DEAD_LETTER.decode(
                        Codecs.DEAD_LETTER.encode(
                                DeadLetters.of(record, DeadLetters.STAGE_DECODE, "null value")));

        assertThat(read.getOriginalKey()).isNull();
        assertThat(read.getOriginal().remaining()).isZero();
        assertThat(read.getOriginalLength()).isZero();
        assertThat(bytes(read.getOriginalSha256())).isEqualTo(sha256(new byte[0]));
        assertThat(read.getOriginalTruncated()).isFalse();
        assertThat(read.getSourceOffset()).isEqualTo(7L);
    }

    @Test
    void aLongReasonIsCutAndSaysHowLongItWas() {
        String reason =
                "x".repeat(DeadLetters.MAX_REASON_CHARS - 1) + "\uD83D\uDE00" + "y".repeat(50_000);
        DeadLetter letter =
                DeadLetters.of(TOPIC, 0, 0L, null, new byte[0], DeadLetters.STAGE_PROCESS, reason);

        assertThat(letter.getReason()).hasSizeLessThanOrEqualTo(DeadLetters.MAX_REASON_CHARS);
        assertThat(letter.getReason())
                .startsWith("xxxx")
                .endsWith(reason.length() + " characters in all]");
        assertThat(letter.getStage()).isEqualTo("process");
        String shortReason = "category_id: must not be blank";
        assertThat(DeadLetters.cap(shortReason)).isSameAs(shortReason);
    }

    @Test
    void aReasonIsNeverCutInsideASurrogatePair() {
        String marker = " ... [cut: 5000 characters in all]";
        int end = DeadLetters.MAX_REASON_CHARS - marker.length();
        // A pair whose high half is the last character that would be kept.
        String reason = "x".repeat(end - 1) + "\uD83D\uDE00" + "z".repeat(5000 - end - 1);
        assertThat(reason).hasSize(5000);

        String cut = DeadLetters.cap(reason);
        assertThat(cut).isEqualTo("x".repeat(end - 1) + marker);
    }
}
