package io.ladder.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ladder.jobs.config.RawOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's CPU went, from a JFR recording's execution samples ({@code jcmd PID JFR.start
 * settings=profile}): prints one JSON object with the share of samples per thread, per top frame
 * ("self"), and per method of ours or of RocksDB/Kafka/Avro anywhere on the stack ("total").
 *
 * <pre>
 * JfrSummary FILE.jfr [--top N]
 * </pre>
 */
public final class JfrSummary {
    private JfrSummary() {}

    public static void main(String[] args) throws Exception {
        RawOptions o = RawOptions.parse(args);
        int top = o.integer("top", 15, 1, 10_000);
        Path recording = Path.of(o.onePositional("FILE.jfr"));
        o.refuseUnused("usage: JfrSummary FILE.jfr [--top N]");
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")
                    || e.getStackTrace() == null) {
                continue;
            }
            samples++;
            String thread =
                    e.getThread("sampledThread") == null
                            ? "?"
                            : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "N"), 1, Integer::sum);
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String m = name(f.getMethod());
                if (interesting(m) && seen.add(m)) {
                    total.merge(m, 1, Integer::sum);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("samples", samples);
        out.put("threads_pct", shares(threads, samples, top));
        out.put("self_pct", shares(self, samples, top));
        out.put("total_pct", shares(total, samples, top * 2));
        System.out.println(new ObjectMapper().writeValueAsString(out));
    }

    private static boolean interesting(String method) {
        return method.startsWith("io.ladder.")
                || method.startsWith("org.rocksdb.")
                || method.startsWith("org.apache.kafka.clients.consumer.")
                || method.startsWith("org.apache.avro.")
                || method.contains("Serializer.serialize")
                || method.contains("Serializer.deserialize")
                || method.contains("triggerCheckpoint")
                || method.contains("snapshotState");
    }

    private static String name(RecordedMethod m) {
        return m == null ? "?" : m.getType().getName() + "." + m.getName();
    }

    private static Map<String, Double> shares(Map<String, Integer> counts, int n, int top) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> out.put(e.getKey(), Math.round(1000.0 * e.getValue() / n) / 10.0));
        return out;
    }
}
