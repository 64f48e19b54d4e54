package io.ladder.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ladder.jobs.config.RawOptions;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges the phases of {@code scripts/bench-pipeline} into its one-line JSON result:
 *
 * <pre>
 * BenchReport --drain FILE [--steady FILE,FILE...] [--profile FILE]
 *             [--setup KEY=VALUE;KEY=VALUE...]
 * </pre>
 *
 * The headline figures come first: {@code events_per_s} and {@code lists_per_s} of the drain,
 * {@code index_ready_s} (first event after the restore to every item index built), {@code
 * freshness_p50_ms} / {@code freshness_p99_ms} of the last steady phase (the highest rate); the
 * phases follow whole.
 */
public final class BenchReport {
    private BenchReport() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        RawOptions o = RawOptions.parse(args);
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> drain = json.readValue(new File(o.string("drain", "")), Map.class);
        // one file per rate, lowest rate first: the headline is the last (the target rate)
        java.util.List<Map<String, Object>> phases = new java.util.ArrayList<>();
        for (String f : o.string("steady", "").split(",")) {
            if (!f.isBlank()) {
                phases.add(json.readValue(new File(f), Map.class));
            }
        }
        Map<String, Object> steady = phases.isEmpty() ? Map.of() : phases.get(phases.size() - 1);
        String profileFile = o.string("profile", "");
        Map<String, Object> profile =
                profileFile.isEmpty() ? Map.of() : json.readValue(new File(profileFile), Map.class);
        String setup = o.string("setup", "");
        o.refuseUnused(null);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events_per_s", drain.get("events_per_s"));
        out.put("lists_per_s", drain.get("lists_per_s"));
        out.put("index_ready_s", drain.get("index_ready_s"));
        out.put("events_per_s_indexed", drain.get("events_per_s_indexed"));
        out.put("freshness_p50_ms", steady.get("freshness_p50_ms"));
        out.put("freshness_p99_ms", steady.get("freshness_p99_ms"));
        out.put("freshness_share_within_1s", share(steady));
        out.put("freshness_rate_events_per_s", steady.get("events_per_s"));
        out.put("freshness_max_lag_records", steady.get("max_lag_records"));
        out.put("cpu_pct", drain.get("cpu_pct"));
        out.put("taskmanager_threads_cpu_pct", drain.get("taskmanager_threads_cpu_pct"));
        Map<String, String> setupMap = new LinkedHashMap<>();
        for (String kv : setup.split(";")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                setupMap.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        out.put("setup", setupMap);
        out.put("taskmanager_profile", profile);
        out.put("drain", drain);
        out.put("steady", phases);
        System.out.println(json.writeValueAsString(out));
    }

    @SuppressWarnings("unchecked")
    private static Object share(Map<String, Object> steady) {
        Object buckets = steady.get("freshness_share_within");
        return buckets instanceof Map ? ((Map<String, Object>) buckets).get("le_1000ms") : null;
    }
}
