package io.ladder.jobs.user;

import io.ladder.index.ScoredItem;
import io.ladder.model.UserModel.InterestQuery;
import java.util.ArrayList;
import java.util.List;
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

    /** Retrieved (item, interest) pairs, each interest's results best first. */
    public List<Retrieved> retrieve(
            List<InterestQuery> queries, CatalogIndex index, Predicate<String> filter) {
        List<Retrieved> out = new ArrayList<>();
        for (InterestQuery query : queries) {
            int k = (int) Math.ceil(quota(query.weight()) * oversample);
            for (ScoredItem hit : index.search(query.vector(), k, filter)) {
                out.add(new Retrieved(hit.id(), query.interest()));
            }
        }
        return out;
    }

    /** An item an interest's query returned. */
    public record Retrieved(String itemId, int interest) {}
}
