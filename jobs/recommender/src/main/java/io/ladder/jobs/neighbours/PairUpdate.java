package io.ladder.jobs.neighbours;

/**
 * Co-engagements to add to one item's counts: {@code itemId} was engaged close to each of {@code
 * neighbours} by one user, at {@code time} (event time). A POJO: it travels between operators.
 */
public class PairUpdate {
    public String itemId;
    public String[] neighbours;
    public long time;

    public PairUpdate() {}

    public PairUpdate(String itemId, String[] neighbours, long time) {
        this.itemId = itemId;
        this.neighbours = neighbours;
        this.time = time;
    }
}
