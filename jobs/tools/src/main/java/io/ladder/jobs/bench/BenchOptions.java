package io.ladder.jobs.bench;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@code --key value} arguments of the benchmark tools, with unknown keys rejected. */
final class BenchOptions {
    private final Map<String, String> values = new TreeMap<>();
    private final Set<String> read = new TreeSet<>();

    BenchOptions(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "expected --key value pairs, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String string(String key, String fallback) {
        read.add(key);
        return values.getOrDefault(key, fallback);
    }

    long number(String key, long fallback) {
        String v = string(key, null);
        return v == null ? fallback : Long.parseLong(v.replace("_", ""));
    }

    double decimal(String key, double fallback) {
        String v = string(key, null);
        return v == null ? fallback : Double.parseDouble(v);
    }

    void checkAllRead() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + unknown);
        }
    }
}
