package io.ladder.jobs.user;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ModelContext;
import io.ladder.jobs.config.JobConfig;
import io.ladder.model.UserModel;
import io.ladder.model.UserModelConfig;
import io.ladder.schemas.codec.Codecs;
import java.util.List;
import java.util.function.Predicate;

/**
 * The item-tower version a subtask serves: decoded once per version, with the user model and the
 * interest retriever built for its levels and head size. Empty until the catalogue holds a version.
 *
 * <p>When the catalogue adopts a newer version while this subtask's index serves the old one, the
 * old one keeps serving (its vectors stay in the catalogue) until the new version's index is built,
 * in the background for a large catalogue; lists never go without retrieval for a switch, and once
 * a subtask switches, every list it emits carries the new version. Users are re-folded under it
 * lazily, on their next event.
 */
final class ServingModel {
    private final JobConfig config;
    private final UserModelConfig modelConfig;
    private final CatalogIndex index;
    private final RecommenderMetrics metrics;
    private byte[] bytes;
    private ModelContext context;
    private UserModel userModel;
    private InterestRetriever retriever;
    // the catalogue's current version while this subtask still serves an older one
    private byte[] targetBytes;
    private ModelContext target;

    ServingModel(
            JobConfig config,
            UserModelConfig modelConfig,
            CatalogIndex index,
            RecommenderMetrics metrics) {
        this.config = config;
        this.modelConfig = modelConfig;
        this.index = index;
        this.metrics = metrics;
    }

    /** Follows the catalogue's current version; free while it is the one in use. */
    void follow(CatalogView catalog) throws Exception {
        byte[] encoded = catalog.currentModel();
        // Identity, not content: the catalogue hands back the same array until a new version
        // arrives, and comparing contents would touch megabytes of category heads per event.
        if (encoded == null || encoded == bytes) {
            return;
        }
        if (encoded != targetBytes) {
            target = ModelContext.of(Codecs.MODEL_INFO.decode(encoded));
            targetBytes = encoded;
        }
        boolean holdOld =
                context != null
                        && !context.version().equals(target.version())
                        && index.isCurrent(context);
        if (holdOld && !index.ensureCurrent(catalog.items(), target)) {
            return; // the old version serves until the new one's index is built
        }
        switchTo(encoded, target);
    }

    private void switchTo(byte[] encoded, ModelContext next) {
        if (context != null && !context.version().equals(next.version())) {
            metrics.modelSwitched();
        }
        context = next;
        userModel =
                new UserModel(
                        modelConfig.toBuilder()
                                .levels(context.levels())
                                .headDim(context.headDim())
                                .build(),
                        context.ordinal());
        bytes = encoded;
        targetBytes = null;
        target = null;
        retriever =
                new InterestRetriever(
                        config.listSize(),
                        config.retrieval().minQuota(),
                        config.retrieval().oversample(),
                        config.retrieval().queryEngagementOnly() ? 1 : context.levels(),
                        context.headDim());
    }

    /** The version in use, or null before the first one. */
    ModelContext context() {
        return context;
    }

    /** The user model of the version in use, or null before the first one. */
    UserModel userModel() {
        return userModel;
    }

    InterestRetriever retriever() {
        return retriever;
    }

    /** The interests' nearest items under the version in use, as the user's retrieval cache. */
    RetrievalCache retrieve(
            List<UserModel.InterestQuery> queries,
            CatalogIndex index,
            Predicate<String> allowed,
            long now) {
        List<InterestRetriever.Retrieved> hits = retriever.retrieve(queries, index, allowed);
        RetrievalCache cache = new RetrievalCache();
        cache.itemIds = new String[hits.size()];
        cache.interests = new int[hits.size()];
        for (int i = 0; i < hits.size(); i++) {
            cache.itemIds[i] = hits.get(i).itemId();
            cache.interests[i] = hits.get(i).interest();
        }
        cache.dimension = context.dimension();
        cache.queries = new float[queries.size() * cache.dimension];
        for (int i = 0; i < queries.size(); i++) {
            System.arraycopy(
                    queries.get(i).vector(),
                    0,
                    cache.queries,
                    i * cache.dimension,
                    cache.dimension);
        }
        cache.retrievedAt = now;
        cache.modelVersion = context.version();
        return cache;
    }

    /** An item's vector under the version in use (null without a version or a vector). */
    float[] vectorOf(CatalogView catalog, String itemId, String categoryHint) {
        if (context == null) {
            return null;
        }
        try {
            return vectorOf(catalog.item(itemId), categoryHint);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the catalogue", e);
        }
    }

    /** The vector of an entry already read (null: not in the catalogue), as above. */
    float[] vectorOf(CatalogEntry entry, String categoryHint) {
        return context == null ? null : context.vectorFor(entry, categoryHint);
    }
}
