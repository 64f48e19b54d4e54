package io.ladder.index.bench;

import io.ladder.index.ComparedGraphs;
import io.ladder.index.ScoredItem;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Phase of {@link IndexBench}: the bare HNSW graphs of {@link ComparedGraphs} (ours, hnswlib-core,
 * Lucene) built one after the other over the benchmark's vectors and searched with its queries, so
 * their build rates, q/s and recall@50 come from the same run, data and kernel as the exact
 * baseline. A graph is dropped before the next is built.
 */
final class GraphComparison {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private GraphComparison() {}

    /** Truth ids are "item-" + the vector's ordinal. */
    static void run(
            IndexBench.Config c,
            float[][] vectors,
            float[][] queries,
            List<List<ScoredItem>> truth,
            double exactQps,
            Map<String, Object> out)
            throws Exception {
        int k = 50;
        for (ComparedGraphs.Graph graph : ComparedGraphs.all(c.m(), c.efConstruction(), c.ef())) {
            String p = "graph_" + graph.name() + "_";
            IndexBench.log("comparison: building the %s graph", graph.name());
            long t0 = System.nanoTime();
            long cpu0 = OS.getProcessCpuTime();
            graph.build(vectors, c.threads());
            double buildS = (System.nanoTime() - t0) / 1e9;
            double cpuS = (OS.getProcessCpuTime() - cpu0) / 1e9;
            for (float[] q : queries) {
                graph.search(q, k); // warm-up pass
            }
            int[][] results = new int[queries.length][];
            t0 = System.nanoTime();
            cpu0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < queries.length; i++) {
                results[i] = graph.search(queries[i], k);
            }
            double qps = queries.length / ((System.nanoTime() - t0) / 1e9);
            double qpsCpu = queries.length / ((THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9);
            double recall = 0;
            for (int i = 0; i < queries.length; i++) {
                recall += recall(results[i], truth.get(i), k);
            }
            recall /= queries.length;
            out.put(p + "build_vectors_per_s", Math.round(vectors.length / buildS));
            out.put(
                    p + "build_vectors_per_s_cpu",
                    Math.round(vectors.length / (cpuS / c.threads())));
            out.put(p + "qps", Math.round(qps));
            out.put(p + "qps_cpu", Math.round(qpsCpu));
            out.put(p + "recall@50", IndexBench.round(recall, 4));
            out.put(p + "speedup_vs_exact", IndexBench.round(qps / exactQps, 1));
            IndexBench.log(
                    "%s: build %,.0f vectors/s (%,.0f per %d CPU s), k=50 %,.0f q/s (%,.0f per CPU"
                            + " s), recall@50 %.4f, %.1fx exact",
                    graph.name(),
                    vectors.length / buildS,
                    vectors.length / (cpuS / c.threads()),
                    c.threads(),
                    qps,
                    qpsCpu,
                    recall,
                    qps / exactQps);
            graph.close();
        }
    }

    private static double recall(int[] found, List<ScoredItem> exact, int k) {
        Set<String> truth = new HashSet<>();
        for (int i = 0; i < Math.min(k, exact.size()); i++) {
            truth.add(exact.get(i).id());
        }
        int hits = 0;
        for (int i = 0; i < Math.min(k, found.length); i++) {
            if (truth.contains("item-" + found[i])) {
                hits++;
            }
        }
        return truth.isEmpty() ? 1.0 : hits / (double) truth.size();
    }
}
