package io.ladder.jobs.ingest;

import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.Codecs;
import io.ladder.schemas.codec.InvalidRecordException;
import io.ladder.schemas.validate.RecordValidator;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes the items topic, which carries {@code Item} records (key = item id) and {@code ModelInfo}
 * records (key {@code __model__/<version>}); the schema fingerprint in each message says which. Bad
 * records become rejected catalogue records, never exceptions.
 */
public final class CatalogDecoder {
    /** Key prefix of a ModelInfo record; the rest of the key is its version. */
    public static final String MODEL_KEY_PREFIX = "__model__/";

    private static final byte[] MODEL_KEY_BYTES =
            MODEL_KEY_PREFIX.getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final RecordValidator validator;

    public CatalogDecoder() {
        // Dimensions are checked against the model version when the item is applied.
        this.validator = new RecordValidator(Clock.systemUTC(), 0);
    }

    /**
     * @return the record, or null for a retired version's tombstone (a null value under a ModelInfo
     *     key: the retrainer deletes versions older than the one before the newest, so the
     *     compacted topic does not keep every version's category heads forever), which changes
     *     nothing: the job never goes back to an older version and keeps the current one's
     *     ModelInfo in its own state
     */
    public CatalogRecord decode(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null && isModelKey(record.key())) {
            return null;
        }
        try {
            if (Codecs.MODEL_INFO.recognizes(value)) {
                ModelInfo info = Codecs.MODEL_INFO.decode(value);
                List<String> problems = validator.problems(info);
                if (problems.isEmpty()) {
                    problems = CatalogContract.problems(info);
                }
                if (!problems.isEmpty()) {
                    return reject(record, DeadLetters.STAGE_VALIDATE, String.join("; ", problems));
                }
                return CatalogRecord.model(
                        info.getModelVersion(), value, info.getCreatedTime().toEpochMilli());
            }
            if (value == null) {
                return reject(
                        record,
                        DeadLetters.STAGE_DECODE,
                        "null value: publish an Item with deleted=true to remove an item");
            }
            Item item = Codecs.ITEM.decode(value);
            List<String> problems = validator.problems(item);
            if (problems.isEmpty()) {
                problems = CatalogContract.problems(item);
            }
            if (!problems.isEmpty()) {
                return reject(record, DeadLetters.STAGE_VALIDATE, String.join("; ", problems));
            }
            return CatalogRecord.item(item);
        } catch (InvalidRecordException e) {
            return reject(record, DeadLetters.STAGE_DECODE, e.getMessage());
        }
    }

    static boolean isModelKey(byte[] key) {
        return key != null
                && key.length >= MODEL_KEY_BYTES.length
                && java.util.Arrays.equals(
                        key, 0, MODEL_KEY_BYTES.length, MODEL_KEY_BYTES, 0, MODEL_KEY_BYTES.length);
    }

    private static CatalogRecord reject(
            ConsumerRecord<byte[], byte[]> record, String stage, String reason) {
        return CatalogRecord.rejected(
                Codecs.DEAD_LETTER.encode(DeadLetters.of(record, stage, reason)), record.key());
    }
}
