package io.ladder.index.bench;

import io.ladder.index.ClusteredVectors;
import io.ladder.index.DistanceCounter;
import io.ladder.index.ExactItemIndex;
import io.ladder.index.HnswItemIndex;
import io.ladder.index.HnswItemIndexBuilder;
import io.ladder.index.ItemVector;
import io.ladder.index.QuerySet;
import io.ladder.index.RebuildListener;
import io.ladder.index.Recall;
import io.ladder.index.ScoredItem;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The item index benchmark behind scripts/bench-index. Progress goes to stderr; the last stdout
 * line is one JSON object. Every figure comes from this one JVM run on the same data and queries.
 */
public final class IndexBench {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    record Config(
            int items,
            int dim,
            int m,
            int efConstruction,
            int ef,
            int threads,
            int rebuildThreads,
            int queries,
            double latencySeconds,
            boolean quick,
            boolean compare,
            long seed,
            Path queryFile) {
        /** The same settings over a query set's catalogue and queries. */
        Config over(QuerySet set) {
            return new Config(
                    set.items().length,
                    set.dimension(),
                    m,
                    efConstruction,
                    ef,
                    threads,
                    rebuildThreads,
                    set.queries().length,
                    latencySeconds,
                    quick,
                    compare,
                    seed,
                    queryFile);
        }
    }

    public static void main(String[] args) throws Exception {
        Config c = parse(args);
        // --queries FILE: the job's real catalogue vectors and interest queries (a QuerySet that
        // scripts/evaluate --dump-queries wrote) instead of the seeded clusters
        QuerySet real = c.queryFile() == null ? null : QuerySet.read(c.queryFile());
        if (real != null) {
            c = c.over(real);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", real == null ? "synthetic clusters" : "query set " + c.queryFile());
        out.put("items", c.items);
        out.put("dim", c.dim);
        out.put("m", c.m);
        out.put("ef_construction", c.efConstruction);
        out.put("ef", c.ef);
        out.put("threads", c.threads);
        out.put("rebuild_threads", c.rebuildThreads);
        out.put("queries", c.queries);
        out.put("cores", Runtime.getRuntime().availableProcessors());

        float[][] vectors;
        float[][] queries;
        if (real != null) {
            log("%,d items x %d and %,d queries from %s", c.items, c.dim, c.queries, c.queryFile);
            vectors = real.items();
            queries = real.queries();
        } else {
            int heads = c.dim % 3 == 0 ? 3 : 1;
            ClusteredVectors data =
                    new ClusteredVectors(
                            heads, c.dim / heads, ClusteredVectors.clustersFor(c.items), c.seed);
            log(
                    "generating %,d items x %d (%d heads, %d clusters), %,d queries",
                    c.items, c.dim, heads, ClusteredVectors.clustersFor(c.items), c.queries);
            vectors = data.items(c.items);
            queries = data.queries(c.queries);
        }
        List<ItemVector> load = new ArrayList<>(c.items);
        for (int i = 0; i < c.items; i++) {
            load.add(new ItemVector("item-" + i, vectors[i], (float) (i % 97)));
        }
        long base = liveHeap();

        // 1. build: bulk load = one parallel graph build
        AtomicLong peak = new AtomicLong();
        boolean[] measurePeak = {false};
        RebuildListener listener =
                new RebuildListener() {
                    @Override
                    public void graphBuilt(long version, int n, long nanos) {
                        if (measurePeak[0]) {
                            peak.set(liveHeap()); // old graph serving, new one complete
                        }
                    }
                };
        HnswItemIndex hnsw =
                HnswItemIndex.builder(c.dim)
                        .m(c.m)
                        .efConstruction(c.efConstruction)
                        .ef(c.ef)
                        .buildThreads(c.threads)
                        .backgroundBuildThreads(c.rebuildThreads)
                        .listener(listener)
                        .build();
        log(
                "building HNSW (m=%d, efConstruction=%d, %d threads)",
                c.m, c.efConstruction, c.threads);
        long t0 = System.nanoTime();
        long cpu0 = OS.getProcessCpuTime();
        Thread ticker = ticker("build", t0);
        hnsw.upsertAll(load);
        ticker.interrupt();
        double buildS = (System.nanoTime() - t0) / 1e9;
        double buildCpuS = (OS.getProcessCpuTime() - cpu0) / 1e9;
        out.put("build_s", round(buildS, 2));
        out.put("build_vectors_per_s", Math.round(c.items / buildS));
        // what the same work gives with `threads` cores of our own: contention-free estimate
        out.put("build_vectors_per_s_cpu", Math.round(c.items / (buildCpuS / c.threads)));
        log(
                "built in %.1f s: %,.0f vectors/s (%.1f CPU s: %,.0f vectors/s on %d free cores)",
                buildS, c.items / buildS, buildCpuS, c.items / (buildCpuS / c.threads), c.threads);

        // 2. memory: steady state, then the live peak of a rebuild (both graphs in memory)
        long steady = liveHeap();
        out.put("bytes_per_item", Math.round((steady - base) / (double) c.items));
        if (!c.quick) {
            measurePeak[0] = true;
            log("rebuild for the peak heap measurement");
            hnsw.rebuildNow();
            measurePeak[0] = false;
            long after = liveHeap();
            out.put("heap_steady_mb", round((steady - base) / 1e6, 1));
            out.put("heap_peak_rebuild_mb", round((peak.get() - base) / 1e6, 1));
            out.put(
                    "peak_heap_ratio_rebuild",
                    round((peak.get() - base) / (double) (steady - base), 2));
            log(
                    "index heap %.1f MB steady, %.1f MB at rebuild peak, %.1f MB after",
                    (steady - base) / 1e6, (peak.get() - base) / 1e6, (after - base) / 1e6);
        }

        // 3. ground truth and exact speed: one thread, a flat float array
        ExactItemIndex exact = new ExactItemIndex(c.dim);
        exact.upsertAll(load);
        log("exact search warm-up");
        for (int q = 0; q < Math.min(50, queries.length); q++) {
            exact.search(queries[q], 50, null);
        }
        log("exact search, %,d queries", queries.length);
        List<List<ScoredItem>> truth = new ArrayList<>();
        t0 = System.nanoTime();
        cpu0 = THREADS.getCurrentThreadCpuTime();
        for (float[] q : queries) {
            truth.add(exact.search(q, 50, null));
        }
        double exactQps = queries.length / ((System.nanoTime() - t0) / 1e9);
        double exactQpsCpu = queries.length / ((THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9);
        out.put("exact_qps", Math.round(exactQps));
        out.put("exact_qps_cpu", Math.round(exactQpsCpu));
        exact = null;

        // 4. HNSW speed and recall on the same queries, one thread
        for (int k : new int[] {10, 50}) {
            for (float[] q : queries) {
                hnsw.search(q, k, null); // warm-up pass
            }
            double recall = 0;
            List<List<ScoredItem>> results = new ArrayList<>(queries.length);
            t0 = System.nanoTime();
            cpu0 = THREADS.getCurrentThreadCpuTime();
            for (float[] q : queries) {
                results.add(hnsw.search(q, k, null));
            }
            double qps = queries.length / ((System.nanoTime() - t0) / 1e9);
            double qpsCpu = queries.length / ((THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9);
            out.put(k == 50 ? "hnsw_qps_cpu" : "hnsw_qps_k10_cpu", Math.round(qpsCpu));
            for (int i = 0; i < queries.length; i++) {
                recall += Recall.of(results.get(i), truth.get(i), k);
            }
            recall /= queries.length;
            out.put("recall@" + k, round(recall, 4));
            out.put(k == 50 ? "hnsw_qps" : "hnsw_qps_k10", Math.round(qps));
            log(
                    "k=%d: recall %.4f at %,.0f q/s, %,.0f per CPU s (exact %,.0f q/s, %,.0f per CPU s)",
                    k, recall, qps, qpsCpu, exactQps, exactQpsCpu);
        }
        out.put(
                "speedup_vs_exact",
                round(((Number) out.get("hnsw_qps")).doubleValue() / exactQps, 1));
        int k50 = 50;
        long distances =
                DistanceCounter.count(
                        () -> {
                            for (float[] q : queries) {
                                hnsw.search(q, k50, null);
                            }
                        });
        double perQuery = distances / (double) queries.length;
        out.put("hnsw_distances_per_query", Math.round(perQuery));
        out.put("exact_distances_per_query", c.items);
        log("k=50: %,.0f distance computations per query (exact: %,d)", perQuery, c.items);
        out.put(
                "speedup_vs_exact_cpu",
                round(((Number) out.get("hnsw_qps_cpu")).doubleValue() / exactQpsCpu, 1));
        if (c.compare) {
            GraphComparison.run(c, vectors, queries, truth, exactQps, out);
        }
        if (c.quick) {
            hnsw.close();
            System.out.println(toJson(out));
            return;
        }

        // 5. latency, k=50: idle, then while a background rebuild runs
        double[] idle = latencies(hnsw, queries, null, c.latencySeconds);
        log("rebuilding in the background while searching");
        long r0 = System.nanoTime();
        CompletableFuture<Long> rebuild = hnsw.rebuildAsync();
        double[] during = latencies(hnsw, queries, rebuild, 0);
        rebuild.join();
        out.put("rebuild_s", round((System.nanoTime() - r0) / 1e9, 2));
        out.put("search_p50_idle_ms", round(percentile(idle, 0.50), 3));
        out.put("search_p99_idle_ms", round(percentile(idle, 0.99), 3));
        out.put("search_p50_during_rebuild_ms", round(percentile(during, 0.50), 3));
        out.put("search_p99_during_rebuild_ms", round(percentile(during, 0.99), 3));
        out.put("searches_during_rebuild", during.length);
        log(
                "p99 idle %.3f ms, during rebuild %.3f ms (%,d searches)",
                percentile(idle, 0.99), percentile(during, 0.99), during.length);
        out.put(
                "note",
                "2-core machine shared with other engineers; figures measured under contention");
        hnsw.close();
        System.out.println(toJson(out));
    }

    /** Search latencies in ms: until {@code until} completes, else for {@code seconds}. */
    static double[] latencies(
            HnswItemIndex index, float[][] queries, CompletableFuture<?> until, double seconds) {
        double[] lat = new double[1 << 20];
        int n = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (n < lat.length && (until != null ? !until.isDone() : System.nanoTime() < end)) {
            float[] q = queries[n % queries.length];
            long t = System.nanoTime();
            index.search(q, 50, null);
            lat[n++] = (System.nanoTime() - t) / 1e6;
        }
        return Arrays.copyOf(lat, n);
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    static Thread ticker(String what, long t0) {
        Thread t =
                new Thread(
                        () -> {
                            try {
                                while (true) {
                                    Thread.sleep(10_000);
                                    log("%s: %.0f s", what, (System.nanoTime() - t0) / 1e9);
                                }
                            } catch (InterruptedException e) {
                                // done
                            }
                        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    static Config parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            a.put(args[i].substring(2), args[++i]);
        }
        // --queries N generates N queries; anything else names a query-set file
        String queries = a.getOrDefault("queries", "1000");
        Path queryFile = queries.matches("[0-9]+") ? null : Path.of(queries);
        Config c =
                new Config(
                        Integer.parseInt(a.getOrDefault("items", "100000")),
                        Integer.parseInt(a.getOrDefault("dim", "96")),
                        Integer.parseInt(a.getOrDefault("m", "" + HnswItemIndexBuilder.DEFAULT_M)),
                        Integer.parseInt(
                                a.getOrDefault(
                                        "ef-construction",
                                        "" + HnswItemIndexBuilder.DEFAULT_EF_CONSTRUCTION)),
                        Integer.parseInt(
                                a.getOrDefault("ef", "" + HnswItemIndexBuilder.DEFAULT_EF)),
                        Integer.parseInt(a.getOrDefault("threads", "2")),
                        Integer.parseInt(
                                a.getOrDefault(
                                        "rebuild-threads",
                                        ""
                                                + HnswItemIndexBuilder
                                                        .DEFAULT_BACKGROUND_BUILD_THREADS)),
                        queryFile == null ? Integer.parseInt(queries) : 0,
                        Double.parseDouble(a.getOrDefault("latency-seconds", "5")),
                        Boolean.parseBoolean(a.getOrDefault("quick", "false")),
                        Boolean.parseBoolean(a.getOrDefault("compare", "true")),
                        Long.parseLong(a.getOrDefault("seed", "20260105")),
                        queryFile);
        for (String k : a.keySet()) {
            if (!List.of(
                            "items",
                            "dim",
                            "m",
                            "ef-construction",
                            "ef",
                            "threads",
                            "rebuild-threads",
                            "queries",
                            "latency-seconds",
                            "quick",
                            "compare",
                            "seed")
                    .contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k);
            }
        }
        return c;
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    static String toJson(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            sb.append(v instanceof String ? "\"" + v + "\"" : String.valueOf(v));
        }
        return sb.append('}').toString();
    }

    static void log(String fmt, Object... args) {
        System.err.printf(Locale.ROOT, "[bench-index] " + fmt + "%n", args);
    }
}
