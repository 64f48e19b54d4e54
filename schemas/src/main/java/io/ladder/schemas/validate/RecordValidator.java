package io.ladder.schemas.validate;

import io.ladder.schemas.CandidateList;
import io.ladder.schemas.EventType;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.UserEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks records against the contract the schemas document. Each method returns the list of
 * problems, empty when the record is valid; every message names the field and what is wrong, so a
 * producer team can fix it from the dead-letter topic alone.
 */
public final class RecordValidator {
    public static final int MAX_ID_LENGTH = 128;

    /** Events before 2000-01-01 are certainly a unit mistake (seconds sent as millis, say). */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** Allowed clock skew of producers into the future. */
    public static final Duration MAX_FUTURE = Duration.ofDays(1);

    private final Clock clock;
    private final int embeddingDimension;

    /**
     * @param clock wall clock for the "not in the future" bound
     * @param embeddingDimension expected embedding length (levels x head_dim), or 0 to accept any
     *     positive length
     */
    public RecordValidator(Clock clock, int embeddingDimension) {
        this.clock = clock;
        this.embeddingDimension = embeddingDimension;
    }

    public List<String> problems(UserEvent event) {
        List<String> out = new ArrayList<>();
        checkId(out, "event_id", event.getEventId());
        checkId(out, "user_id", event.getUserId());
        checkId(out, "item_id", event.getItemId());
        if (event.getCategoryId() != null) {
            checkId(out, "category_id", event.getCategoryId());
        }
        if (event.getType() == null || event.getType() == EventType.UNKNOWN) {
            out.add("type: unknown event type (expected CLICK, CART or PURCHASE)");
        }
        checkTime(out, "event_time", event.getEventTime());
        return out;
    }

    public List<String> problems(Item item) {
        List<String> out = new ArrayList<>();
        checkId(out, "item_id", item.getItemId());
        if (item.getCategoryId() != null) {
            checkId(out, "category_id", item.getCategoryId());
        }
        checkId(out, "model_version", item.getModelVersion());
        checkTime(out, "updated_time", item.getUpdatedTime());
        if (!item.getDeleted()) {
            checkVector(out, "embedding", item.getEmbedding(), embeddingDimension);
        }
        return out;
    }

    public List<String> problems(ModelInfo info) {
        List<String> out = new ArrayList<>();
        checkId(out, "model_version", info.getModelVersion());
        if (info.getLevels() < 1 || info.getLevels() > 8) {
            out.add("levels: " + info.getLevels() + " is outside 1..8");
        }
        if (info.getHeadDim() < 1 || info.getHeadDim() > 4096) {
            out.add("head_dim: " + info.getHeadDim() + " is outside 1..4096");
        }
        if (!Float.isFinite(info.getGamma()) || info.getGamma() <= 0) {
            out.add("gamma: must be a finite positive number, was " + info.getGamma());
        }
        if (info.getCutpoints().size() != info.getLevels()) {
            out.add(
                    "cutpoints: expected "
                            + info.getLevels()
                            + " values, got "
                            + info.getCutpoints().size());
        }
        int dim = info.getLevels() * info.getHeadDim();
        for (var heads : info.getCategoryHeads()) {
            checkVector(
                    out,
                    "category_heads[" + heads.getCategoryId() + "]",
                    heads.getEmbedding(),
                    dim);
        }
        if (!info.getDefaultEmbedding().isEmpty()) {
            checkVector(out, "default_embedding", info.getDefaultEmbedding(), dim);
        }
        if (info.getItemCount() < 0) {
            out.add("item_count: must be >= 0 (0 = unknown), was " + info.getItemCount());
        }
        return out;
    }

    public List<String> problems(CandidateList list) {
        List<String> out = new ArrayList<>();
        checkId(out, "user_id", list.getUserId());
        if (list.getSequence() < 0) {
            out.add("sequence: must be >= 0, was " + list.getSequence());
        }
        for (int i = 0; i < list.getCandidates().size(); i++) {
            var candidate = list.getCandidates().get(i);
            checkId(out, "candidates[" + i + "].item_id", candidate.getItemId());
            if (!Float.isFinite(candidate.getScore())) {
                out.add("candidates[" + i + "].score: not finite");
            }
        }
        return out;
    }

    private static void checkId(List<String> out, String field, CharSequence value) {
        if (value == null || value.length() == 0) {
            out.add(field + ": must not be empty");
        } else if (value.length() > MAX_ID_LENGTH) {
            out.add(
                    field
                            + ": "
                            + value.length()
                            + " characters, at most "
                            + MAX_ID_LENGTH
                            + " allowed");
        } else if (value.toString().isBlank()) {
            out.add(field + ": must not be blank");
        }
    }

    private void checkTime(List<String> out, String field, Instant value) {
        if (value == null) {
            out.add(field + ": missing");
            return;
        }
        Instant latest = clock.instant().plus(MAX_FUTURE);
        if (value.isBefore(EARLIEST)) {
            out.add(
                    field
                            + ": "
                            + value
                            + " is before "
                            + EARLIEST
                            + " (epoch seconds sent where milliseconds were expected?)");
        } else if (value.isAfter(latest)) {
            out.add(
                    field
                            + ": "
                            + value
                            + " is more than "
                            + MAX_FUTURE.toHours()
                            + "h in the future (milliseconds sent where seconds were expected, or a"
                            + " wrong clock?)");
        }
    }

    private static void checkVector(
            List<String> out, String field, List<Float> vector, int expectedDimension) {
        if (vector == null || vector.isEmpty()) {
            out.add(field + ": empty vector");
            return;
        }
        if (expectedDimension > 0 && vector.size() != expectedDimension) {
            out.add(field + ": dimension " + vector.size() + ", expected " + expectedDimension);
        }
        for (int i = 0; i < vector.size(); i++) {
            Float x = vector.get(i);
            if (x == null || !Float.isFinite(x)) {
                out.add(field + ": component " + i + " is " + x + ", must be finite");
                return;
            }
        }
    }
}
