package io.ladder.evaluate;

import io.ladder.jobs.ingest.Levels;
import io.ladder.schemas.UserEvent;
import io.ladder.trending.DecayedCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Time-decayed recent popularity: every engagement adds its level's weight (click 1, cart 3,
 * purchase 5, as the job's trending counts) to a counter with a half-life; the list is the global
 * top at the event's time, the same for every user.
 */
final class PopularityBaseline implements EvaluatedSystem {
    /** Weight of an engagement by level (index = {@link Levels} value), as the job's trending. */
    static final double[] LEVEL_WEIGHTS = {0, 1, 3, 5};

    private final DecayedCounter counts;
    private final int maxK;
    private long cachedAt = Long.MIN_VALUE;
    private List<String> cached;

    PopularityBaseline(long halfLifeMillis, int capacity, int maxK) {
        this.counts = new DecayedCounter(halfLifeMillis, capacity);
        this.maxK = maxK;
    }

    @Override
    public String name() {
        return "popularity";
    }

    @Override
    public List<String> step(UserEvent event, boolean wantList) {
        long time = event.getEventTime().toEpochMilli();
        List<String> list = null;
        if (wantList) {
            if (cached == null || cachedAt != time) {
                cached = new ArrayList<>(maxK);
                for (Map.Entry<String, Double> e : counts.top(maxK, time)) {
                    cached.add(e.getKey());
                }
                cachedAt = time;
            }
            list = cached;
        }
        counts.add(event.getItemId(), LEVEL_WEIGHTS[Levels.of(event.getType())], time);
        cached = null;
        return list;
    }
}
