package io.ladder.train;

import io.ladder.schemas.UserEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Where a window's validation part starts: the last {@code share} of its engagement events by
 * count, as a time cut at the first of them. Events at or after the cut are validation (so events
 * sharing the cut's timestamp all go there, and the part can hold slightly more than the share).
 * One definition for the trainer's held-out part and the evaluation's {@code --tune} window: a
 * fixed length of time (the 24 h it was) holds almost nothing on a slow stream such as ml-small.
 */
public final class ValidationCut {
    /** Share of the window's events held out: the last 10%. */
    public static final double DEFAULT_SHARE = 0.1;

    private ValidationCut() {}

    /**
     * @param events any order; only engagement events (click, cart, purchase) before {@code end}
     *     count
     * @param end the window's end (exclusive)
     * @return the cut in epoch milliseconds; {@code end} when {@code share} is 0 or the window
     *     holds no event
     */
    public static long millis(List<UserEvent> events, long end, double share) {
        return millis(WindowEvents.of(events), end, share);
    }

    /** {@link #millis(List, long, double)} on a window's compact events. */
    static long millis(WindowEvents events, long end, double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("validation share must be in [0, 1), was " + share);
        }
        long[] times = new long[events.size()];
        int n = 0;
        for (int p = 0; p < events.size(); p++) {
            long t = events.time(p);
            if (t < end && events.level(p) > 0) {
                times[n++] = t;
            }
        }
        int held = (int) Math.ceil(n * share);
        if (held == 0) {
            return end;
        }
        Arrays.sort(times, 0, n);
        return times[n - held];
    }

    /** {@link #millis} with the default share, for a window ending at {@code until}. */
    public static Instant of(List<UserEvent> events, Instant until) {
        return Instant.ofEpochMilli(millis(events, until.toEpochMilli(), DEFAULT_SHARE));
    }
}
