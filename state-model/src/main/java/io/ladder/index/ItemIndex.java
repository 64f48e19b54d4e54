package io.ladder.index;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Maximum inner product search over item retrieval vectors (docs/MODELS.md section 2: the
 * concatenation of T L2-normalised heads, so every vector has norm sqrt(T) and inner product ranks
 * items by P(purchase)).
 *
 * <p>Implementations are thread-safe: searches may run from any thread while another thread
 * upserts, removes or rebuilds. Results are ordered best first: score descending, then popularity
 * prior descending, then id ascending, so equal vectors come back in a deterministic order.
 */
public interface ItemIndex {

    /**
     * Inserts or replaces an item. The vector is copied; it must have {@link #dimensions()} finite
     * components. The item is searchable when this method returns.
     */
    void upsert(String id, float[] vector, float popularity);

    /** Upserts many items; implementations may do it faster than one by one. */
    default void upsertAll(Collection<ItemVector> items) {
        for (ItemVector item : items) {
            upsert(item.id(), item.vector(), item.popularity());
        }
    }

    /**
     * Removes an item; it is not returned by any search that starts after this call.
     *
     * @return whether the item was present
     */
    boolean remove(String id);

    /**
     * The {@code k} items with the largest inner product with {@code query} among those the filter
     * accepts, best first. The filter may be {@code null} (accept all) and must be side-effect
     * free: it is called for a subset of items, in no particular order. Fewer than {@code k}
     * results only when fewer items pass the filter (approximate implementations may also stop
     * early on a highly selective filter; see their documentation).
     */
    List<ScoredItem> search(float[] query, int k, Predicate<String> filter);

    /** Number of items present. */
    int size();

    /** Vector dimension this index accepts. */
    int dimensions();

    /** Version of the structure serving searches now; grows by one at every rebuild swap. */
    long version();

    /** Wall-clock millis at which the structure serving now was put in service. */
    long builtAtMillis();

    boolean contains(String id);

    /** A copy of the item's vector, if present. */
    Optional<float[]> vector(String id);
}
