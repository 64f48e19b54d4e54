package io.ladder.jobs.catalog;

/**
 * One item of the catalogue as each retrieval subtask holds it (broadcast state, a Flink POJO so
 * fields can be added later).
 */
public class CatalogEntry {
    public String categoryId;

    /** Concatenated normalised heads from the items topic; null for an announced-only item. */
    public float[] vector;

    /** Item-tower version of {@link #vector}. */
    public String modelVersion;

    /** Popularity prior, for tie-breaks between items that share a vector. */
    public float popularity;

    /**
     * The item's vector under the version that was current when {@link #vector} was replaced by
     * another version's, or null. It keeps the serving version whole while the next one's items
     * arrive, and while a subtask still serves the old version until its index for the new one is
     * built; cleared at the next adoption (see {@code VersionAdoption}).
     */
    public float[] previousVector;

    /** Item-tower version of {@link #previousVector}, null with it. */
    public String previousVersion;

    public CatalogEntry() {}

    public CatalogEntry(String categoryId, float[] vector, String modelVersion, float popularity) {
        this.categoryId = categoryId;
        this.vector = vector;
        this.modelVersion = modelVersion;
        this.popularity = popularity;
    }
}
