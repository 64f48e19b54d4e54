package io.ladder.jobs.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one command-line parser of the job and every tool: options as strings, from {@code --config
 * FILE} (Java properties) then command-line {@code --key value} pairs (which win; {@code --flag}
 * alone means true; {@code -h} is {@code --help}). Typed getters name the option in every error,
 * and {@link #refuseUnused} reports misspelt keys and stray arguments instead of silently ignoring
 * them. A command that takes positional arguments (a file) reads them with {@link #positionals()},
 * one whose option repeats ({@code --producer-property k=v}) with {@link #all(String)}.
 */
public final class RawOptions {
    private final Map<String, String> values;
    private final Map<String, List<String>> repeated;
    private final List<String> positionals;
    private final Set<String> bare;
    private final Set<String> read = new TreeSet<>();
    private boolean positionalsRead;

    private RawOptions(
            Map<String, String> values,
            Map<String, List<String>> repeated,
            List<String> positionals,
            Set<String> bare) {
        this.values = values;
        this.bare = bare;
        this.repeated = repeated;
        this.positionals = positionals;
    }

    public static RawOptions parse(String... args) {
        Map<String, String> cli = new TreeMap<>();
        Map<String, List<String>> repeated = new TreeMap<>();
        List<String> positionals = new ArrayList<>();
        Set<String> bare = new TreeSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i].equals("-h") ? "--help" : args[i];
            if (!arg.startsWith("--")) {
                positionals.add(arg);
                continue;
            }
            String key = arg.substring(2);
            String value;
            boolean alone = false;
            int eq = key.indexOf('=');
            if (eq > 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length && !isOption(args[i + 1])) {
                value = args[++i];
            } else {
                value = "true"; // a flag; any other option given alone fails in string()
                alone = true;
            }
            if (alone) {
                bare.add(key);
            } else {
                bare.remove(key);
            }
            cli.put(key, value);
            repeated.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        Map<String, String> merged = new TreeMap<>();
        String file = cli.remove("config");
        repeated.remove("config");
        if (file != null) {
            Map<String, String> fromFile = readProperties(Path.of(file));
            merged.putAll(fromFile);
            fromFile.forEach((k, v) -> repeated.putIfAbsent(k, List.of(v)));
        }
        merged.putAll(cli);
        return new RawOptions(merged, repeated, List.copyOf(positionals), bare);
    }

    /** A negative number is a value, {@code -h} is not. */
    private static boolean isOption(String arg) {
        return arg.startsWith("--") || arg.equals("-h");
    }

    /** The arguments that are neither an option nor its value, in order. */
    public List<String> positionals() {
        positionalsRead = true;
        return positionals;
    }

    /**
     * The one positional argument a command takes ({@code FILE}).
     *
     * @param what how the usage names it, e.g. {@code FILE (the events CSV)}
     * @throws IllegalArgumentException when there is none or more than one
     */
    public String onePositional(String what) {
        List<String> given = positionals();
        if (given.isEmpty()) {
            throw new IllegalArgumentException("missing " + what);
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException("one " + what + " only, got " + given);
        }
        return given.get(0);
    }

    /**
     * Every value a repeatable option was given, in order (a {@code --config} file's one value when
     * the command line has none); empty when absent.
     */
    public List<String> all(String key) {
        read.add(key);
        return List.copyOf(repeated.getOrDefault(key, List.of()));
    }

    /** Whether {@code --help} or {@code -h} was given. */
    public boolean helpRequested() {
        read.add("help");
        return values.containsKey("help");
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

    /**
     * @throws IllegalArgumentException when the option was given without a value ({@code --topic}
     *     last, or followed by another option): only {@link #flag} options stand alone
     */
    public String string(String key, String fallback) {
        if (bare.contains(key)) {
            throw new IllegalArgumentException("--" + key + " needs a value");
        }
        return raw(key, fallback);
    }

    private String raw(String key, String fallback) {
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
        String value = raw(key, null);
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
        String hint = usage == null || usage.isEmpty() ? "" : "; " + usage;
        if (!positionalsRead && !positionals.isEmpty()) {
            throw new IllegalArgumentException(
                    "unexpected argument(s) " + positionals + ": options are --key value" + hint);
        }
        Set<String> unused = unused();
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown option(s) " + unused.stream().map(k -> "--" + k).toList() + hint);
        }
    }
}
