package io.ladder.evaluate;

import io.ladder.jobs.config.Durations;
import io.ladder.schemas.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When the replay retrains the item towers ({@code --retrain-every}): every {@code DURATION} of
 * event time after the warm-up ({@code 1d}), every {@code N-events} test events, or every {@code
 * P%} of them (ml-latest-small's test span is years, so a fixed share of its events is the useful
 * cadence). A boundary is an instant: the tower trained there sees only events before it.
 */
public record RetrainSchedule(Duration every, long everyEvents, double everyShare) {
    public RetrainSchedule {
        int forms = (every != null ? 1 : 0) + (everyEvents > 0 ? 1 : 0) + (everyShare > 0 ? 1 : 0);
        if (forms != 1) {
            throw new IllegalArgumentException("a retrain schedule has exactly one cadence");
        }
    }

    /** {@code 1d}, {@code 6h}, {@code 5000-events} or {@code 10%}. */
    public static RetrainSchedule parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("%")) {
                double share = Double.parseDouble(v.substring(0, v.length() - 1)) / 100;
                if (!(share > 0 && share < 1)) {
                    throw new IllegalArgumentException("share outside (0, 100)%");
                }
                return new RetrainSchedule(null, 0, share);
            }
            if (v.endsWith("-events")) {
                long n = Long.parseLong(v.substring(0, v.length() - "-events".length()));
                if (n < 1) {
                    throw new IllegalArgumentException("needs at least 1 event");
                }
                return new RetrainSchedule(null, n, 0);
            }
            Duration d = Durations.parse(v);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("needs a positive duration");
            }
            return new RetrainSchedule(d, 0, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--retrain-every takes a duration (1d, 6h), N-events or P%, was '"
                            + value
                            + "' ("
                            + e.getMessage()
                            + ")");
        }
    }

    /**
     * The boundaries inside the test stream, increasing, each after the warm-up's end and at most
     * the last test event's time (a boundary after every event would retrain for nothing).
     */
    public List<Instant> boundaries(Instant warmupUntil, List<UserEvent> test) {
        List<Instant> out = new ArrayList<>();
        if (test.isEmpty()) {
            return out;
        }
        Instant last = test.get(test.size() - 1).getEventTime();
        if (every != null) {
            for (Instant t = warmupUntil.plus(every); !t.isAfter(last); t = t.plus(every)) {
                out.add(t);
            }
            return out;
        }
        long step =
                everyEvents > 0
                        ? everyEvents
                        : Math.max(1, (long) Math.ceil(everyShare * test.size()));
        for (long i = step; i < test.size(); i += step) {
            Instant t = test.get((int) i).getEventTime();
            if (t.isAfter(warmupUntil) && (out.isEmpty() || t.isAfter(out.get(out.size() - 1)))) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        if (every != null) {
            return every.toString();
        }
        return everyEvents > 0 ? everyEvents + "-events" : (everyShare * 100) + "%";
    }
}
