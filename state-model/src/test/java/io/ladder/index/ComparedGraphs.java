package io.ladder.index;

import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * The HNSW implementations the benchmark compares on the same vectors with the same kernel ({@link
 * VectorMath#dot}): bare graphs over vector ordinals, without the index's groups, filters or item
 * table. Benchmark only: hnswlib-core and Lucene are test dependencies.
 */
public final class ComparedGraphs {
    private ComparedGraphs() {}

    /** One HNSW implementation: build over all vectors, then top-k ordinals for a query. */
    public interface Graph extends AutoCloseable {
        String name();

        void build(float[][] vectors, int threads) throws Exception;

        int[] search(float[] query, int k);

        @Override
        default void close() {}
    }

    public static List<Graph> all(int m, int efConstruction, int ef) {
        return List.of(
                new Own(m, efConstruction, ef),
                new Hnswlib(m, efConstruction, ef),
                new Lucene(m, efConstruction, ef));
    }

    /** Ours: {@link HnswGraph} and {@link GraphInserter}, as {@link HnswItemIndex} uses them. */
    static final class Own implements Graph {
        private final int m, efConstruction, ef;
        private HnswGraph graph;

        Own(int m, int efConstruction, int ef) {
            this.m = m;
            this.efConstruction = efConstruction;
            this.ef = ef;
        }

        @Override
        public String name() {
            return "own";
        }

        @Override
        public void build(float[][] vectors, int threads) throws Exception {
            graph = new HnswGraph(vectors.length, m, efConstruction, ef, 1);
            java.util.concurrent.atomic.AtomicInteger next =
                    new java.util.concurrent.atomic.AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w =
                        new Thread(
                                () -> {
                                    SearchScratch s = SearchScratch.get();
                                    for (int i = next.getAndIncrement();
                                            i < vectors.length;
                                            i = next.getAndIncrement()) {
                                        GraphInserter.insert(graph, i, vectors[i], s);
                                    }
                                });
                w.start();
                workers.add(w);
            }
            for (Thread w : workers) {
                w.join();
            }
        }

        @Override
        public int[] search(float[] query, int k) {
            SearchScratch s = SearchScratch.get();
            int n = graph.search(query, k, s);
            return java.util.Arrays.copyOf(s.nodes, n);
        }
    }

    /** hnswlib-core 1.2.1, the library the index used before, with {@link NegativeDotDistance}. */
    static final class Hnswlib implements Graph {
        private final int m, efConstruction, ef;
        private HnswIndex<Integer, float[], Vec, Float> index;

        record Vec(Integer id, float[] vector) implements Item<Integer, float[]> {
            @Override
            public int dimensions() {
                return vector.length;
            }
        }

        Hnswlib(int m, int efConstruction, int ef) {
            this.m = m;
            this.efConstruction = efConstruction;
            this.ef = ef;
        }

        @Override
        public String name() {
            return "hnswlib";
        }

        @Override
        public void build(float[][] vectors, int threads) throws Exception {
            index =
                    HnswIndex.newBuilder(
                                    vectors[0].length, NegativeDotDistance.INSTANCE, vectors.length)
                            .withM(m)
                            .withEfConstruction(efConstruction)
                            .withEf(ef)
                            .build();
            List<Vec> items = new ArrayList<>(vectors.length);
            for (int i = 0; i < vectors.length; i++) {
                items.add(new Vec(i, vectors[i]));
            }
            index.addAll(items, threads, (done, max) -> {}, Integer.MAX_VALUE);
        }

        @Override
        public int[] search(float[] query, int k) {
            List<SearchResult<Vec, Float>> hits = index.findNearest(query, k);
            int[] out = new int[hits.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = hits.get(i).item().id();
            }
            return out;
        }
    }

    /**
     * Lucene 9.12.3's HNSW (the last release line for Java 17): scores are {@link VectorMath#dot}
     * through its scorer interfaces; a search collects {@code max(ef, k)} and keeps the best k, as
     * Lucene's numCandidates does.
     */
    static final class Lucene implements Graph {
        private final int m, efConstruction, ef;
        private float[][] vectors;
        private OnHeapHnswGraph graph;

        Lucene(int m, int efConstruction, int ef) {
            this.m = m;
            this.efConstruction = efConstruction;
            this.ef = ef;
        }

        @Override
        public String name() {
            return "lucene";
        }

        @Override
        public void build(float[][] vectors, int threads) throws Exception {
            this.vectors = vectors;
            RandomVectorScorerSupplier supplier =
                    new RandomVectorScorerSupplier() {
                        @Override
                        public RandomVectorScorer scorer(int ord) {
                            return queryScorer(vectors[ord]);
                        }

                        @Override
                        public RandomVectorScorerSupplier copy() {
                            return this;
                        }
                    };
            HnswGraphBuilder single =
                    HnswGraphBuilder.create(supplier, m, efConstruction, 42, vectors.length);
            if (threads <= 1) {
                graph = single.build(vectors.length);
                return;
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                graph =
                        new HnswConcurrentMergeBuilder(
                                        new TaskExecutor(pool),
                                        threads,
                                        supplier,
                                        m,
                                        efConstruction,
                                        single.getGraph(),
                                        null)
                                .build(vectors.length);
            } finally {
                pool.shutdownNow();
            }
        }

        private RandomVectorScorer queryScorer(float[] query) {
            float[][] vs = vectors;
            return new RandomVectorScorer() {
                @Override
                public float score(int node) {
                    return VectorMath.dot(query, vs[node]);
                }

                @Override
                public int maxOrd() {
                    return vs.length;
                }
            };
        }

        @Override
        public int[] search(float[] query, int k) {
            try {
                TopKnnCollector collector = new TopKnnCollector(Math.max(ef, k), Integer.MAX_VALUE);
                HnswGraphSearcher.search(queryScorer(query), collector, graph, null);
                var docs = collector.topDocs().scoreDocs;
                int[] out = new int[Math.min(k, docs.length)];
                for (int i = 0; i < out.length; i++) {
                    out[i] = docs[i].doc;
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
