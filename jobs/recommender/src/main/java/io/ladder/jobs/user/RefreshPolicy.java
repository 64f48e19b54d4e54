package io.ladder.jobs.user;

import io.ladder.jobs.config.RetrievalSettings;
import io.ladder.model.UserModel.InterestQuery;
import java.util.List;

/**
 * Decides whether a list re-queries the index or only re-scores the candidates it already has.
 * Retrieval is the expensive step; re-scoring a hundred cached items with the updated user vector
 * is cheap. Re-query when the cached candidates may be wrong for the user now: a timer fired, an
 * interest opened or merged, an interest moved past the drift threshold, the item-tower version
 * changed, or the cache is older than the maximum age; after a purchase only with {@code
 * retrieval.requery-on-purchase} (off by default: a purchase that moved an interest re-queries by
 * the drift anyway).
 */
public final class RefreshPolicy {
    /** Why a list is being built. */
    public enum Trigger {
        EVENT,
        PURCHASE,
        TIMER
    }

    private final RetrievalSettings settings;

    public RefreshPolicy(RetrievalSettings settings) {
        this.settings = settings;
    }

    public boolean shouldRequery(
            RetrievalCache cache,
            List<InterestQuery> queries,
            Trigger trigger,
            String modelVersion,
            long nowMillis) {
        if (cache == null
                || trigger == Trigger.TIMER
                || (trigger == Trigger.PURCHASE && settings.requeryOnPurchase())) {
            return true;
        }
        if (!modelVersion.equals(cache.modelVersion) || cache.queryCount() != queries.size()) {
            return true;
        }
        if (nowMillis - cache.retrievedAt >= settings.maxAge().toMillis()) {
            return true;
        }
        for (int i = 0; i < queries.size(); i++) {
            if (cosine(queries.get(i).vector(), cache.queries, i * cache.dimension)
                    < 1 - settings.requeryDrift()) {
                return true;
            }
        }
        return false;
    }

    static double cosine(float[] a, float[] b, int offset) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[offset + i];
            na += a[i] * a[i];
            nb += b[offset + i] * b[offset + i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
