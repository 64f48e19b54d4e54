package io.ladder.jobs.user;

/** Counters the recommender reports; Flink metrics in the job, plain longs in the replay. */
public interface RecommenderMetrics {
    void event();

    void lateEvent();

    void eventWithoutVector();

    void listEmitted();

    void userExpired();

    void refold();

    /** A list re-queried the index with {@code queries} interest queries. */
    void indexQueries(int queries);

    /** A list only re-scored its cached candidates. */
    void rescoredOnly();

    /** A list was due to query the index while it was still being built. */
    void indexNotReady();

    /** An item-tower version older than the current one arrived and was ignored. */
    default void modelIgnored() {}

    /** The current item-tower version arrived again with another shape and was refused. */
    default void modelRefused() {}

    /** A newer item-tower version arrived before enough of its items: it waits for them. */
    default void modelPending() {}

    /** An item-tower version became the catalogue's current one. */
    default void modelAdopted() {}

    /** This subtask now serves another item-tower version (its index for it is built). */
    default void modelSwitched() {}

    /** Metrics that count nothing, for tools that do not report. */
    static RecommenderMetrics none() {
        return new RecommenderMetrics() {
            @Override
            public void event() {}

            @Override
            public void lateEvent() {}

            @Override
            public void eventWithoutVector() {}

            @Override
            public void listEmitted() {}

            @Override
            public void userExpired() {}

            @Override
            public void refold() {}

            @Override
            public void indexQueries(int queries) {}

            @Override
            public void rescoredOnly() {}

            @Override
            public void indexNotReady() {}
        };
    }
}
