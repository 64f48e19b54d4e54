package io.ladder.jobs.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of durations in options: {@code 500ms}, {@code 10 s}, {@code 5min}, {@code 2h},
 * {@code 30d} (a bare number is milliseconds), or ISO-8601 ({@code PT10S}). The units are Flink's
 * own ({@code TimeUtils}), so an option means the same here as in a Flink config file; it lives in
 * the core so the replay and the tools parse without Flink on their classpath.
 */
public final class Durations {
    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+)\\s*(\\p{L}*)");
    private static final Map<String, ChronoUnit> UNITS =
            Map.ofEntries(
                    Map.entry("", ChronoUnit.MILLIS),
                    Map.entry("d", ChronoUnit.DAYS),
                    Map.entry("day", ChronoUnit.DAYS),
                    Map.entry("days", ChronoUnit.DAYS),
                    Map.entry("h", ChronoUnit.HOURS),
                    Map.entry("hour", ChronoUnit.HOURS),
                    Map.entry("hours", ChronoUnit.HOURS),
                    Map.entry("m", ChronoUnit.MINUTES),
                    Map.entry("min", ChronoUnit.MINUTES),
                    Map.entry("minute", ChronoUnit.MINUTES),
                    Map.entry("minutes", ChronoUnit.MINUTES),
                    Map.entry("s", ChronoUnit.SECONDS),
                    Map.entry("sec", ChronoUnit.SECONDS),
                    Map.entry("secs", ChronoUnit.SECONDS),
                    Map.entry("second", ChronoUnit.SECONDS),
                    Map.entry("seconds", ChronoUnit.SECONDS),
                    Map.entry("ms", ChronoUnit.MILLIS),
                    Map.entry("milli", ChronoUnit.MILLIS),
                    Map.entry("millis", ChronoUnit.MILLIS),
                    Map.entry("millisecond", ChronoUnit.MILLIS),
                    Map.entry("milliseconds", ChronoUnit.MILLIS),
                    Map.entry("µs", ChronoUnit.MICROS),
                    Map.entry("micro", ChronoUnit.MICROS),
                    Map.entry("micros", ChronoUnit.MICROS),
                    Map.entry("microsecond", ChronoUnit.MICROS),
                    Map.entry("microseconds", ChronoUnit.MICROS),
                    Map.entry("ns", ChronoUnit.NANOS),
                    Map.entry("nano", ChronoUnit.NANOS),
                    Map.entry("nanos", ChronoUnit.NANOS),
                    Map.entry("nanosecond", ChronoUnit.NANOS),
                    Map.entry("nanoseconds", ChronoUnit.NANOS));

    private Durations() {}

    /**
     * @throws IllegalArgumentException when {@code text} is not a duration (the caller names the
     *     option in its own message)
     */
    public static Duration parse(String text) {
        String value = text.trim();
        if (value.startsWith("P") || value.startsWith("p")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        Matcher m = AMOUNT_AND_UNIT.matcher(value);
        ChronoUnit unit = m.matches() ? UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration like 500ms, 10s, 5min, 2h, 30d or PT10S");
        }
        try {
            return Duration.of(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
        }
    }
}
