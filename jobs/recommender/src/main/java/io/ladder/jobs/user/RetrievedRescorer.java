package io.ladder.jobs.user;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.config.RetrievalSettings;
import io.ladder.model.UserModel;
import io.ladder.model.UserState;
import io.ladder.schemas.CandidateSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a user's cached retrieved items with their current state: the cheap refresh between index
 * queries ({@link RefreshPolicy} decides when a list may re-score instead of querying again).
 */
final class RetrievedRescorer {
    private final RetrievalSettings retrieval;
    private final ServingModel serving;

    RetrievedRescorer(RetrievalSettings retrieval, ServingModel serving) {
        this.retrieval = retrieval;
        this.serving = serving;
    }

    List<CandidateAssembler.Scored> rescore(
            UserModel scorer, UserState state, CatalogView catalog, RetrievalCache cache, long now)
            throws Exception {
        List<CandidateAssembler.Scored> out = new ArrayList<>(cache.itemIds.length);
        int untouchedLevel = retrieval.rankByEngagement() ? 1 : scorer.config().levels();
        double prior = retrieval.popularityPrior();
        for (int i = 0; i < cache.itemIds.length; i++) {
            // one catalogue read for both the vector and the popularity
            CatalogEntry entry = catalog.item(cache.itemIds[i]);
            float[] vector = serving.vectorOf(entry, null);
            if (vector != null) {
                double score = scorer.score(state, cache.itemIds[i], vector, now, untouchedLevel);
                if (prior > 0) {
                    float popularity = entry == null ? 0 : entry.popularity;
                    score *= Math.pow(1 + Math.max(0, popularity), prior);
                }
                out.add(
                        new CandidateAssembler.Scored(
                                cache.itemIds[i],
                                score,
                                CandidateSource.INTEREST,
                                cache.interests[i]));
            }
        }
        return out;
    }
}
