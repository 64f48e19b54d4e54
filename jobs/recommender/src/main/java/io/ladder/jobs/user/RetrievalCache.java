package io.ladder.jobs.user;

/**
 * What a user's last index query returned, kept so most lists only re-score these candidates with
 * the updated user vector instead of querying the index again (keyed state, a Flink POJO).
 */
public class RetrievalCache {
    /** Retrieved item ids, and the interest that retrieved each (same order). */
    public String[] itemIds;

    public int[] interests;

    /** The interest query vectors as queried, concatenated (interests x dimension). */
    public float[] queries;

    public int dimension;

    /** Event time of the query. */
    public long retrievedAt;

    /** Item-tower version the query ran under. */
    public String modelVersion;

    public RetrievalCache() {}

    int queryCount() {
        return dimension == 0 ? 0 : queries.length / dimension;
    }
}
