package io.ladder.evaluate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses the {@code --warmup-until} instant: epoch seconds (or millis), or ISO-8601. */
public final class Timestamps {
    /** Below this an integer is epoch seconds, as in the events CSV. */
    private static final long SECONDS_LIMIT = 100_000_000_000L;

    private Timestamps() {}

    /**
     * @param text epoch seconds ({@code 1512144000}), epoch millis, an ISO-8601 date-time with an
     *     offset or zone ({@code 2017-12-02T00:00:00+08:00}, {@code ...Z}), without one (taken as
     *     UTC), or a date (midnight UTC)
     * @throws IllegalArgumentException saying which forms are accepted
     */
    public static Instant parse(String text) {
        String t = text.trim();
        if (t.matches("-?\\d+")) {
            long v = Long.parseLong(t);
            return Math.abs(v) < SECONDS_LIMIT ? Instant.ofEpochSecond(v) : Instant.ofEpochMilli(v);
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return java.time.ZonedDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'"
                            + text
                            + "' is not a time: give epoch seconds (1512144000) or ISO-8601"
                            + " (2017-12-02T00:00:00+08:00; without an offset it is UTC)");
        }
    }
}
