package io.ladder.index;

/** One search hit: an item id and its inner product with the query (higher is better). */
public record ScoredItem(String id, float score) {}
