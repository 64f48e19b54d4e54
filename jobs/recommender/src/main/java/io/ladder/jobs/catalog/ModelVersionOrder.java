package io.ladder.jobs.catalog;

import io.ladder.schemas.ModelInfo;
import java.time.Instant;

/**
 * Which item-tower version is current: the newest by a total order, {@code created_time} first,
 * then {@code model_version} compared as strings, whatever order the versions arrive in. The items
 * topic may hold several versions (compaction keeps each {@code __model__/<version>} key) and a
 * restored or rescaled subtask reads them again in partition order; with a total order every
 * subtask settles on the same version.
 */
public final class ModelVersionOrder {
    /** What to do with a version that arrives while {@code current} is in use. */
    public enum Decision {
        /** Newer (or the first): it becomes current. */
        ADOPT,
        /** Older than the current one: ignored, so a late arrival never rolls the model back. */
        IGNORE_OLDER,
        /** The current version again with another shape (levels, head dimension): refused. */
        REFUSE_CONFLICT
    }

    private ModelVersionOrder() {}

    /**
     * @param current the version in use, or null before the first
     * @param candidate the version that arrived
     */
    public static Decision decide(ModelInfo current, ModelInfo candidate) {
        if (current == null) {
            return Decision.ADOPT;
        }
        if (current.getModelVersion().equals(candidate.getModelVersion())) {
            boolean sameShape =
                    current.getLevels() == candidate.getLevels()
                            && current.getHeadDim() == candidate.getHeadDim();
            // A republish of the same version (same shape) replaces it: the producer's retry, or
            // category heads completed; another shape under the same name would mix vectors of
            // two towers in one index.
            return sameShape ? Decision.ADOPT : Decision.REFUSE_CONFLICT;
        }
        return compare(candidate, current) > 0 ? Decision.ADOPT : Decision.IGNORE_OLDER;
    }

    /** The total order: created time, then version string. */
    public static int compare(ModelInfo a, ModelInfo b) {
        Instant ta = a.getCreatedTime();
        Instant tb = b.getCreatedTime();
        int byTime = ta.compareTo(tb);
        return byTime != 0 ? byTime : a.getModelVersion().compareTo(b.getModelVersion());
    }
}
