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

    public InterestRetriever(int listSize, int minQuota, double oversample) {
        this.listSize = listSize;
        this.minQuota = minQuota;
        this.oversample = oversample;
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
            for (ScoredItem hit : index.search(query.vector(), k, filter)) {
                Retrieved candidate = new Retrieved(hit.id(), query.interest(), hit.score());
                best.merge(hit.id(), candidate, (a, b) -> b.similarity() > a.similarity() ? b : a);
            }
        }
        return new ArrayList<>(best.values());
    }

    /** An item an interest's query returned. */
    public record Retrieved(String itemId, int interest, float similarity) {}
}
