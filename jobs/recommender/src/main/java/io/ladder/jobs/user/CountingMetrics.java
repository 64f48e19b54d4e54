package io.ladder.jobs.user;

/**
 * Recommender metrics as plain counters: for the replay tools (evaluation, benchmarks) and tests,
 * which read them directly instead of through Flink's metric system. Not thread-safe.
 */
public final class CountingMetrics implements RecommenderMetrics {
    private long events;
    private long lateEvents;
    private long eventsWithoutVector;
    private long lists;
    private long expiredUsers;
    private long refolds;
    private long requeries;
    private long indexQueries;
    private long rescoredOnly;
    private long indexNotReady;
    private long modelsIgnored;
    private long modelsRefused;
    private long modelsPending;
    private long modelsAdopted;
    private long modelSwitches;

    @Override
    public void modelPending() {
        modelsPending++;
    }

    @Override
    public void modelAdopted() {
        modelsAdopted++;
    }

    @Override
    public void modelSwitched() {
        modelSwitches++;
    }

    public long modelsPending() {
        return modelsPending;
    }

    public long modelsAdopted() {
        return modelsAdopted;
    }

    public long modelSwitches() {
        return modelSwitches;
    }

    @Override
    public void modelIgnored() {
        modelsIgnored++;
    }

    @Override
    public void modelRefused() {
        modelsRefused++;
    }

    public long modelsIgnored() {
        return modelsIgnored;
    }

    public long modelsRefused() {
        return modelsRefused;
    }

    @Override
    public void event() {
        events++;
    }

    @Override
    public void lateEvent() {
        lateEvents++;
    }

    @Override
    public void eventWithoutVector() {
        eventsWithoutVector++;
    }

    @Override
    public void listEmitted() {
        lists++;
    }

    @Override
    public void userExpired() {
        expiredUsers++;
    }

    @Override
    public void refold() {
        refolds++;
    }

    @Override
    public void indexQueries(int queries) {
        requeries++;
        indexQueries += queries;
    }

    @Override
    public void rescoredOnly() {
        rescoredOnly++;
    }

    @Override
    public void indexNotReady() {
        indexNotReady++;
    }

    public long events() {
        return events;
    }

    public long lateEvents() {
        return lateEvents;
    }

    public long eventsWithoutVector() {
        return eventsWithoutVector;
    }

    public long lists() {
        return lists;
    }

    public long expiredUsers() {
        return expiredUsers;
    }

    public long refolds() {
        return refolds;
    }

    /** Lists that re-queried the index. */
    public long requeries() {
        return requeries;
    }

    /** Index queries (one per interest of a re-querying list). */
    public long indexQueries() {
        return indexQueries;
    }

    /** Lists that only re-scored their cached candidates. */
    public long rescoredOnlyLists() {
        return rescoredOnly;
    }

    /** Lists due to query the index while it was being built. */
    public long listsWhileIndexBuilds() {
        return indexNotReady;
    }
}
