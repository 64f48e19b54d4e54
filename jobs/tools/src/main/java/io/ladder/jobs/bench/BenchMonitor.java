package io.ladder.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ladder.jobs.config.RawOptions;
import io.ladder.jobs.user.FreshnessHistogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the running recommendation job through the TaskManagers' Prometheus endpoints and {@code
 * /proc}, and prints one JSON object for a benchmark phase on stdout (progress on stderr).
 *
 * <pre>
 * BenchMonitor --phase drain  --prometheus URL[,URL] --pids name=pid,... [--threads-of PID]
 *              --expect N [--max-seconds 900] [--stall-seconds 60]
 * BenchMonitor --phase steady --prometheus URL[,URL] --pids name=pid,... [--threads-of PID]
 *              [--warmup 20] [--seconds 60]
 * BenchMonitor --phase catalog --prometheus URL[,URL] --expect N [--max-seconds 900]
 * </pre>
 *
 * <p>Drain: from the first event the job processed until it processed {@code --expect} (the
 * backlog) or {@code --max-seconds}: events/s, lists/s, CPU per process and per TaskManager thread.
 * Steady: after the warm-up, over {@code --seconds} of traffic at a fixed rate: the same plus
 * freshness (quantiles of the {@code freshnessMs} histogram sampled every 2 s, and exact shares per
 * bucket from the {@code freshnessLe<N>Ms} counters) and the largest consumer lag seen.
 */
public final class BenchMonitor {
    // The names the job's FreshnessListener exports.
    private static final String HISTOGRAM = FreshnessHistogram.NAME;
    private static final long[] BUCKETS_MS = FreshnessHistogram.bucketsMs();

    private final List<String> prometheus;
    private final CpuSampler cpu;

    private BenchMonitor(List<String> prometheus, CpuSampler cpu) {
        this.prometheus = prometheus;
        this.cpu = cpu;
    }

    public static void main(String[] args) throws Exception {
        RawOptions o = RawOptions.parse(args);
        String phase = o.string("phase", "drain");
        List<String> urls = Arrays.asList(o.string("prometheus", "").split(","));
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String entry : o.string("pids", "").split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0 && !entry.substring(eq + 1).isBlank()) {
                pids.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1).trim()));
            }
        }
        String threadsOf = o.string("threads-of", "");
        long expect = o.number("expect", 0);
        long maxSeconds = o.number("max-seconds", 900);
        long stallSeconds = o.number("stall-seconds", 60);
        long warmup = o.number("warmup", 20);
        long seconds = o.number("seconds", 60);
        o.refuseUnused(null);

        BenchMonitor monitor =
                new BenchMonitor(
                        urls,
                        new CpuSampler(
                                pids, threadsOf.isBlank() ? null : Long.parseLong(threadsOf)));
        Map<String, Object> result =
                switch (phase) {
                    case "drain" -> monitor.drain(expect, maxSeconds, stallSeconds);
                    case "steady" -> monitor.steady(warmup, seconds);
                    case "catalog" -> monitor.catalog(expect, maxSeconds);
                    default ->
                            throw new IllegalArgumentException("--phase drain, steady or catalog");
                };
        System.out.println(new ObjectMapper().writeValueAsString(result));
    }

    /** Waits until the items source emitted {@code expect} records (the catalogue is in). */
    Map<String, Object> catalog(long expect, long maxSeconds) throws InterruptedException {
        long t0 = System.nanoTime();
        double read = 0;
        while (read < expect) {
            if ((System.nanoTime() - t0) / 1e9 > maxSeconds) {
                throw new IllegalStateException(
                        "the job read " + read + " of " + expect + " catalogue records");
            }
            Thread.sleep(1000);
            read = scrape().sumWhere("numRecordsOut", "operator_name=\"Source:_items\"");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phase", "catalog");
        out.put("records", (long) read);
        out.put("seconds", CpuSampler.round((System.nanoTime() - t0) / 1e9));
        return out;
    }

    Map<String, Object> drain(long expect, long maxSeconds, long stallSeconds)
            throws InterruptedException {
        long waitUntil = System.nanoTime() + 300_000_000_000L;
        PrometheusScrape first = scrape();
        while (first.sum("events") <= 0) {
            if (System.nanoTime() > waitUntil) {
                throw new IllegalStateException("the job processed no event in 300 s");
            }
            Thread.sleep(500);
            first = scrape();
        }
        CpuSampler.Snapshot cpu0 = cpu.snapshot();
        long t0 = System.nanoTime();
        double e0 = first.sum("events");
        double l0 = first.sum("listsEmitted");
        double w0 = first.sum("listsAcknowledged");
        System.err.printf("drain: processing started (%,.0f events at the first reading)%n", e0);
        double last = e0;
        long lastProgress = t0;
        long nextReport = t0 + 10_000_000_000L;
        double reportEvents = e0;
        double minRate = Double.MAX_VALUE;
        double maxRate = 0;
        long indexedAt = indexed(first) ? t0 : -1;
        double indexedEvents = indexedAt >= 0 ? e0 : -1;
        PrometheusScrape now = first;
        while (true) {
            // Every scrape costs the TaskManager a few ms of text formatting: poll gently.
            Thread.sleep(5000);
            now = scrape();
            double events = now.sum("events");
            long t = System.nanoTime();
            if (indexedAt < 0 && indexed(now)) {
                indexedAt = t;
                indexedEvents = events;
                System.err.printf(
                        "drain: every item index built, %.0f s after the first event%n",
                        (t - t0) / 1e9);
            }
            if (events > last) {
                last = events;
                lastProgress = t;
            }
            if (t >= nextReport) {
                double rate = (events - reportEvents) / 10.0;
                minRate = Math.min(minRate, rate);
                maxRate = Math.max(maxRate, rate);
                System.err.printf(
                        "drain: %,.0f events, last 10 s %,.0f/s, lag %,.0f%n",
                        events, rate, now.sum("pendingRecords"));
                reportEvents = events;
                nextReport += 10_000_000_000L;
            }
            if (expect > 0 && events >= expect) {
                break;
            }
            if ((t - t0) / 1e9 >= maxSeconds || (t - lastProgress) / 1e9 >= stallSeconds) {
                break;
            }
        }
        CpuSampler.Snapshot cpu1 = cpu.snapshot();
        double elapsed = (cpu1.nanos() - t0) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phase", "drain");
        out.put("events", (long) (last - e0));
        out.put("events_total", (long) last);
        out.put("seconds", CpuSampler.round(elapsed));
        out.put("events_per_s", Math.round((last - e0) / elapsed));
        if (indexedAt >= 0) {
            double building = (indexedAt - t0) / 1e9;
            double after = (cpu1.nanos() - indexedAt) / 1e9;
            out.put("index_ready_s", CpuSampler.round(building));
            out.put(
                    "events_per_s_while_indexing",
                    building <= 0 ? null : Math.round((indexedEvents - e0) / building));
            out.put(
                    "events_per_s_indexed",
                    after <= 0 ? null : Math.round((last - indexedEvents) / after));
        } else {
            out.put("index_ready_s", null); // not built within the drain
        }
        out.put("events_per_s_10s_min", minRate == Double.MAX_VALUE ? null : Math.round(minRate));
        out.put("events_per_s_10s_max", Math.round(maxRate));
        out.put("lists_per_s", Math.round((now.sum("listsEmitted") - l0) / elapsed));
        out.put("lists_written_per_s", Math.round((now.sum("listsAcknowledged") - w0) / elapsed));
        out.put("events_without_vector", (long) now.sum("eventsWithoutVector"));
        out.put("late_events", (long) now.sum("lateEvents"));
        out.put("dead_letters", (long) now.sum("deadLetters"));
        out.put("complete", expect <= 0 || last >= expect);
        cpu(out, cpu0, cpu1);
        return out;
    }

    /** Whether every subtask that reports an item index has built one (true if none reports). */
    private static boolean indexed(PrometheusScrape scrape) {
        List<Double> versions = scrape.values("indexVersion");
        return versions.isEmpty() || Collections.min(versions) >= 1;
    }

    Map<String, Object> steady(long warmup, long seconds) throws InterruptedException {
        Thread.sleep(warmup * 1000);
        PrometheusScrape first = scrape();
        CpuSampler.Snapshot cpu0 = cpu.snapshot();
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        double maxLag = 0;
        long end = cpu0.nanos() + seconds * 1_000_000_000L;
        PrometheusScrape now = first;
        while (System.nanoTime() < end) {
            Thread.sleep(2000);
            now = scrape();
            List<Double> p50 = now.quantiles(HISTOGRAM, "0.5");
            List<Double> p99 = now.quantiles(HISTOGRAM, "0.99");
            if (!p50.isEmpty()) {
                p50s.add(p50.stream().mapToDouble(Double::doubleValue).average().orElse(0));
                p99s.add(Collections.max(p99));
            }
            double lag = now.sum("pendingRecords");
            maxLag = Math.max(maxLag, lag);
            System.err.printf(
                    "steady: %,.0f events, freshness p50 %s p99 %s ms, lag %,.0f%n",
                    now.sum("events"), p50, p99, lag);
        }
        CpuSampler.Snapshot cpu1 = cpu.snapshot();
        double elapsed = (cpu1.nanos() - cpu0.nanos()) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phase", "steady");
        out.put("seconds", CpuSampler.round(elapsed));
        out.put("events_per_s", Math.round((now.sum("events") - first.sum("events")) / elapsed));
        out.put(
                "lists_per_s",
                Math.round((now.sum("listsEmitted") - first.sum("listsEmitted")) / elapsed));
        double measured =
                (now.sum("listsAcknowledged") - now.sum("listsWithoutSourceTime"))
                        - (first.sum("listsAcknowledged") - first.sum("listsWithoutSourceTime"));
        out.put("lists_written_per_s", Math.round(measured / elapsed));
        out.put("freshness_p50_ms", median(p50s));
        out.put("freshness_p99_ms", median(p99s));
        out.put("freshness_p99_ms_worst_sample", p99s.isEmpty() ? null : Collections.max(p99s));
        Map<String, Object> buckets = new LinkedHashMap<>();
        for (long le : BUCKETS_MS) {
            String name = "freshnessLe" + le + "Ms";
            double share = measured <= 0 ? 0 : (now.sum(name) - first.sum(name)) / measured;
            buckets.put("le_" + le + "ms", Math.round(share * 10_000) / 10_000.0);
        }
        out.put("freshness_share_within", buckets);
        out.put("freshness_p99_bucket_ms", bucketQuantile(buckets, 0.99));
        out.put("freshness_p50_bucket_ms", bucketQuantile(buckets, 0.50));
        out.put("max_lag_records", (long) maxLag);
        cpu(out, cpu0, cpu1);
        return out;
    }

    @SuppressWarnings("unchecked")
    private void cpu(Map<String, Object> out, CpuSampler.Snapshot a, CpuSampler.Snapshot b) {
        double elapsed = (b.nanos() - a.nanos()) / 1e9;
        out.put("cpu_pct", CpuSampler.percent(a.processTicks(), b.processTicks(), elapsed));
        Map<String, Double> threads = CpuSampler.percent(a.threadTicks(), b.threadTicks(), elapsed);
        Map<String, Double> top = new LinkedHashMap<>();
        threads.entrySet().stream()
                .filter(e -> e.getValue() >= 1.0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(12)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        out.put("taskmanager_threads_cpu_pct", top);
        long total = b.machineTotal() - a.machineTotal();
        if (total > 0) {
            int cores = Runtime.getRuntime().availableProcessors();
            double busy = 100.0 * cores * (b.machineBusy() - a.machineBusy()) / total;
            double ours =
                    ((Map<String, Double>) out.get("cpu_pct"))
                            .values().stream().mapToDouble(Double::doubleValue).sum();
            out.put("machine_cores", cores);
            out.put("machine_busy_pct", CpuSampler.round(busy));
            // everything else on the box: other engineers' builds and tests, the OS
            out.put("other_processes_pct", CpuSampler.round(Math.max(0, busy - ours)));
        }
    }

    /** Smallest bucket bound whose share reaches {@code q}, or null when none does. */
    private static Long bucketQuantile(Map<String, Object> buckets, double q) {
        for (long le : BUCKETS_MS) {
            if ((Double) buckets.get("le_" + le + "ms") >= q) {
                return le;
            }
        }
        return null;
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return CpuSampler.round(sorted.get(sorted.size() / 2));
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(prometheus);
    }
}
