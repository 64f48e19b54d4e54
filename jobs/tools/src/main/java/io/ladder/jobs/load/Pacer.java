package io.ladder.jobs.load;

import java.util.Locale;

/**
 * Decides when the next event may be published. Not thread-safe: one loader thread calls it.
 *
 * <p>Replay ({@code xN}) keeps the gaps between the events' own timestamps, divided by N, measured
 * from the first event. It assumes a file sorted by time: an event older than the newest one seen
 * so far goes out at once (a file sorted by user replays each user's history back to back).
 */
public interface Pacer {

    /**
     * Returns how many nanoseconds to wait before publishing an event with this time, given the
     * monotonic clock {@code nowNanos}; 0 means now.
     */
    long delayNanos(long eventTimeMillis, long nowNanos);

    /** The parsed {@code --rate} value. */
    record Spec(Kind kind, double value) {
        public enum Kind {
            MAX,
            SPEED_UP,
            ROWS_PER_SECOND
        }

        public static Spec parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("max")) {
                return new Spec(Kind.MAX, 0);
            }
            Kind kind = t.startsWith("x") ? Kind.SPEED_UP : Kind.ROWS_PER_SECOND;
            String number = kind == Kind.SPEED_UP ? t.substring(1) : t;
            double n;
            try {
                n = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                n = Double.NaN;
            }
            if (!Double.isFinite(n) || n <= 0) {
                throw new IllegalArgumentException(
                        "--rate wants max, xN (replay N times faster, e.g. x3600) or N (rows per"
                                + " second), got '"
                                + text
                                + "'");
            }
            return new Spec(kind, n);
        }

        public Pacer create() {
            return switch (kind) {
                case MAX -> (eventTime, now) -> 0;
                case SPEED_UP -> new SpeedUp(value);
                case ROWS_PER_SECOND -> new RowsPerSecond(value);
            };
        }

        @Override
        public String toString() {
            return switch (kind) {
                case MAX -> "max";
                case SPEED_UP -> "x" + value;
                case ROWS_PER_SECOND -> value + " rows/s";
            };
        }
    }

    /** Event-time replay at {@code factor} times real speed. */
    final class SpeedUp implements Pacer {
        private final double factor;
        private long firstEventMillis = Long.MIN_VALUE;
        private long startNanos;
        private long newestEventMillis;

        SpeedUp(double factor) {
            this.factor = factor;
        }

        @Override
        public long delayNanos(long eventTimeMillis, long nowNanos) {
            if (firstEventMillis == Long.MIN_VALUE) {
                firstEventMillis = eventTimeMillis;
                newestEventMillis = eventTimeMillis;
                startNanos = nowNanos;
                return 0;
            }
            if (eventTimeMillis <= newestEventMillis) {
                return 0;
            }
            newestEventMillis = eventTimeMillis;
            long due =
                    startNanos + (long) ((eventTimeMillis - firstEventMillis) * 1_000_000 / factor);
            return Math.max(0, due - nowNanos);
        }
    }

    /** A steady {@code rate} rows per second. */
    final class RowsPerSecond implements Pacer {
        private final double rate;
        private long count;
        private long startNanos;

        RowsPerSecond(double rate) {
            this.rate = rate;
        }

        @Override
        public long delayNanos(long eventTimeMillis, long nowNanos) {
            if (count++ == 0) {
                startNanos = nowNanos;
                return 0;
            }
            long due = startNanos + (long) ((count - 1) * 1e9 / rate);
            return Math.max(0, due - nowNanos);
        }
    }
}
