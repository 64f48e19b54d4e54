package io.ladder.jobs.user;

import io.ladder.model.UserState;

/**
 * What the recommender needs of one user's keyed context: their state, event-time timers, the
 * watermark, and where lists go. The Flink function implements it over keyed state; the replay
 * driver of the evaluation over maps, so both run the same recommender code.
 */
public interface UserScope {
    String userId();

    /** The user's model state, or null for a new user. */
    UserState loadState() throws Exception;

    void storeState(UserState state) throws Exception;

    /** The user's emission bookkeeping, or null for a new user. */
    EmissionState loadEmission() throws Exception;

    void storeEmission(EmissionState emission) throws Exception;

    /** The candidates of the user's last index query, or null. */
    RetrievalCache loadRetrieval() throws Exception;

    void storeRetrieval(RetrievalCache cache) throws Exception;

    /** Drops everything held for the user. */
    void clear() throws Exception;

    long currentWatermark();

    /** Registers an event-time timer (inactivity expiry, and list flushes in replay). */
    void registerTimer(long eventTime);

    void deleteTimer(long eventTime);

    /**
     * Schedules the flush of a coalesced burst. In event time (replay) it fires at {@code
     * eventTimeDue}; in a running job it fires {@code delayMillis} of processing time from now, so
     * a burst's last list is published even when the stream goes quiet and the watermark stalls.
     *
     * @return the timer's timestamp, passed back to {@code onTimer}
     */
    long registerFlushTimer(long eventTimeDue, long delayMillis);

    void deleteFlushTimer(long timestamp);

    /** Whether flush timers run in processing time (a live job) or event time (replay). */
    boolean flushInProcessingTime();

    void emit(io.ladder.schemas.CandidateList list);
}
