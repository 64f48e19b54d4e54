package io.ladder.jobs.user;

/**
 * Keys of the catalogue's version bookkeeping (the broadcast map {@code catalog-models}). Released
 * names: savepoints hold them.
 *
 * <ul>
 *   <li>{@link #CURRENT}: the encoded ModelInfo of the version in use;
 *   <li>{@code pending/<version>}: the encoded ModelInfo of a newer version still waiting for its
 *       items;
 *   <li>{@code count/<version>}: how many catalogue entries hold that pending version's vector and
 *       how many it announced, two 8-byte big-endian longs.
 * </ul>
 */
public final class ModelRecords {
    public static final String CURRENT = "current";

    static final String PENDING = "pending/";

    static final String COUNT = "count/";

    private ModelRecords() {}

    static String pending(String version) {
        return PENDING + version;
    }

    static String count(String version) {
        return COUNT + version;
    }
}
