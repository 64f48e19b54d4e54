package io.ladder.index;

/**
 * One catalogue item for {@link ItemIndex#upsertAll}: its retrieval vector (the concatenated,
 * per-head normalised item heads) and a popularity prior that breaks ties between equal scores.
 */
public record ItemVector(String id, float[] vector, float popularity) {}
