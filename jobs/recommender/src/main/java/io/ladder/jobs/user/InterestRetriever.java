package io.ladder.jobs.user;

import io.ladder.index.ScoredItem;
import io.ladder.model.UserModel.InterestQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One index query per interest, each asking for its share of the list: {@code max(floor, ceil(size
 * * weight))} candidates, times an oversampling factor for re-ranking headroom. The quota is what
 * lets a minor interest show up next to a dominant one (MiCRO, kNN-Embed).
 */
public final class InterestRetriever {
    private final int listSize;
    private final int minQuota;
    private final double oversample;
    private final int queryHeads;
    private final int headDim;

    /**
     * @param queryHeads how many leading heads of an interest's vector the query uses: all of them
     *     ranks by P(purchase) (the concatenated-heads inner product); 1 ranks by engagement alone,
     *     which reaches further beyond what the user already touched
     * @param headDim dimension of one head
     */
    public InterestRetriever(
            int listSize, int minQuota, double oversample, int queryHeads, int headDim) {
        this.listSize = listSize;
        this.minQuota = minQuota;
        this.oversample = oversample;
        this.queryHeads = queryHeads;
        this.headDim = headDim;
    }

    /** The quota of an interest of normalised weight {@code weight}. */
    public int quota(double weight) {
        return Math.min(listSize, Math.max(minQuota, (int) Math.ceil(listSize * weight)));
    }

    /**
     * Retrieved (item, interest) pairs, each interest's results best first. An item that several
     * interests return belongs to the one it matches best (highest inner product), so each
     * interest's quota is filled with items that really are its own.
     */
    public List<Retrieved> retrieve(
            List<InterestQuery> queries, CatalogIndex index, Predicate<String> filter) {
        Map<String, Retrieved> best = new LinkedHashMap<>();
        for (InterestQuery query : queries) {
            int k = (int) Math.ceil(quota(query.weight()) * oversample);
            for (ScoredItem hit : index.search(queryVector(query.vector()), k, filter)) {
                Retrieved candidate = new Retrieved(hit.id(), query.interest(), hit.score());
                best.merge(hit.id(), candidate, (a, b) -> b.similarity() > a.similarity() ? b : a);
            }
        }
        return new ArrayList<>(best.values());
    }

    private float[] queryVector(float[] interest) {
        int used = queryHeads * headDim;
        if (queryHeads <= 0 || used >= interest.length) {
            return interest;
        }
        float[] query = new float[interest.length];
        System.arraycopy(interest, 0, query, 0, used);
        return query;
    }

    /** An item an interest's query returned. */
    public record Retrieved(String itemId, int interest, float similarity) {}
}
