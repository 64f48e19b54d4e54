package io.ladder.jobs.ingest;

import io.ladder.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Builds dead letters with the record's bytes, coordinates and reason, bounded in size: a record
 * near the broker's message limit must still give a dead letter the dead-letter topic accepts (a
 * dead letter the sink cannot send fails the job). The value, key and reason are cut to the caps
 * below; the value's full length and SHA-256 are always recorded, so a truncated dead letter can
 * still be matched with the producer's record.
 */
public final class DeadLetters {
    public static final String STAGE_DECODE = "decode";
    public static final String STAGE_VALIDATE = "validate";

    /** The record was valid but the job could not apply it. */
    public static final String STAGE_PROCESS = "process";

    /** Most value bytes copied into a dead letter (the DeadLetter schema documents it). */
    public static final int MAX_ORIGINAL_BYTES = 64 * 1024;

    /** Most key bytes copied into a dead letter (ids are at most 128 characters). */
    public static final int MAX_KEY_BYTES = 1024;

    /** Longest reason kept, in characters; a longer one is cut and says how long it was. */
    public static final int MAX_REASON_CHARS = 4096;

    private static final String SHA_256 = "SHA-256";

    private DeadLetters() {}

    /** A dead letter for a record read from Kafka. */
    public static DeadLetter of(
            ConsumerRecord<byte[], byte[]> record, String stage, String reason) {
        return of(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                stage,
                reason);
    }

    /**
     * A dead letter from the parts of a record, for code that holds no {@link ConsumerRecord}.
     *
     * @param key the record's key bytes, or null
     * @param value the record's value bytes, or null (recorded as empty, length 0)
     * @param stage one of {@link #STAGE_DECODE}, {@link #STAGE_VALIDATE}, {@link #STAGE_PROCESS}
     * @param reason what is wrong, naming the field
     */
    public static DeadLetter of(
            String topic,
            int partition,
            long offset,
            byte[] key,
            byte[] value,
            String stage,
            String reason) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(stage, "stage");
        byte[] whole = value == null ? new byte[0] : value;
        boolean truncated =
                whole.length > MAX_ORIGINAL_BYTES || (key != null && key.length > MAX_KEY_BYTES);
        return DeadLetter.newBuilder()
                .setOriginal(prefix(whole, MAX_ORIGINAL_BYTES))
                .setOriginalKey(key == null ? null : prefix(key, MAX_KEY_BYTES))
                .setOriginalLength(whole.length)
                .setOriginalSha256(ByteBuffer.wrap(sha256(whole)))
                .setOriginalTruncated(truncated)
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setStage(stage)
                .setReason(cap(reason == null ? "(no reason given)" : reason))
                .setTime(Instant.now())
                .build();
    }

    private static ByteBuffer prefix(byte[] bytes, int max) {
        return ByteBuffer.wrap(bytes.length <= max ? bytes : Arrays.copyOf(bytes, max));
    }

    /** The reason cut to {@link #MAX_REASON_CHARS} characters, never inside a surrogate pair. */
    static String cap(String reason) {
        if (reason.length() <= MAX_REASON_CHARS) {
            return reason;
        }
        String marker = " ... [cut: " + reason.length() + " characters in all]";
        int end = MAX_REASON_CHARS - marker.length();
        if (Character.isHighSurrogate(reason.charAt(end - 1))) {
            end--;
        }
        return reason.substring(0, end) + marker;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance(SHA_256).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + SHA_256, e);
        }
    }
}
