package io.ladder.jobs.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one command-line parser of the job and every tool: options as strings, from {@code --config
 * FILE} (Java properties) then command-line {@code --key value} pairs (which win; {@code --flag}
 * alone means true). Typed getters name the option in every error, and {@link #unused()} reports
 * misspelt keys instead of silently ignoring them.
 */
public final class RawOptions {
    private final Map<String, String> values;
    private final Set<String> read = new TreeSet<>();

    private RawOptions(Map<String, String> values) {
        this.values = values;
    }

    public static RawOptions parse(String... args) {
        Map<String, String> cli = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException(
                        "unexpected argument '" + arg + "': options are --key value");
            }
            String key = arg.substring(2);
            int eq = key.indexOf('=');
            if (eq > 0) {
                cli.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                cli.put(key, args[++i]);
            } else {
                cli.put(key, "true");
            }
        }
        Map<String, String> merged = new TreeMap<>();
        String file = cli.remove("config");
        if (file != null) {
            merged.putAll(readProperties(Path.of(file)));
        }
        merged.putAll(cli);
        return new RawOptions(merged);
    }

    static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read options file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        properties.forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
    }

    public String string(String key, String fallback) {
        read.add(key);
        String value = values.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public int integer(String key, int fallback, int min, int max) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(
                        "--" + key + " must be in " + min + ".." + max + ", was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + key + " must be an integer, was '" + value + "'");
        }
    }

    public double decimal(String key, double fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + key + " must be a number, was '" + value + "'");
        }
    }

    public boolean flag(String key, boolean fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(
                    "--" + key + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    public Duration duration(String key, Duration fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Durations.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "--"
                            + key
                            + " must be a duration like 500ms, 10s, 5min, 30d"
                            + " or ISO-8601, was '"
                            + value
                            + "'");
        }
    }

    /** Every option under {@code prefix} (without the prefix), e.g. Kafka client passthrough. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach(
                (k, v) -> {
                    if (k.startsWith(prefix)) {
                        read.add(k);
                        out.put(k.substring(prefix.length()), v);
                    }
                });
        return Collections.unmodifiableMap(out);
    }

    public Set<String> unused() {
        Set<String> out = new TreeSet<>(values.keySet());
        out.removeAll(read);
        return out;
    }

    /** An integer option ({@code 1_000_000} allowed), or {@code fallback} when absent. */
    public long number(String key, long fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + key + " must be an integer, was '" + value + "'");
        }
    }

    /** Fails naming every option no getter read (a misspelt key is never silently ignored). */
    public void refuseUnused(String usage) {
        Set<String> unused = unused();
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown option(s) "
                            + unused.stream().map(k -> "--" + k).toList()
                            + (usage == null || usage.isEmpty() ? "" : "; " + usage));
        }
    }
}
