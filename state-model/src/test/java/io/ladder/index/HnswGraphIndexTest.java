package io.ladder.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bare graph search against exact search on the same kernel. */
class HnswGraphIndexTest {
    private static final int DIM = 16;
    private static final int N = 2_000;

    private static float[][] randomVectors(long seed, int n) {
        Random random = new Random(seed);
        float[][] vectors = new float[n][DIM];
        for (float[] v : vectors) {
            for (int j = 0; j < DIM; j++) {
                v[j] = (float) random.nextGaussian();
            }
            ClusteredVectors.normaliseHeads(v, 1);
        }
        return vectors;
    }

    private static HnswGraph build(float[][] vectors, int ef, int threads) throws Exception {
        return build(vectors, ef, threads, true);
    }

    private static HnswGraph build(float[][] vectors, int ef, int threads, boolean prefetch)
            throws Exception {
        HnswGraph graph = new HnswGraph(vectors.length, 12, 64, ef, 7, prefetch);
        AtomicInteger next = new AtomicInteger();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] =
                    new Thread(
                            () -> {
                                SearchScratch s = SearchScratch.get();
                                for (int i = next.getAndIncrement();
                                        i < vectors.length;
                                        i = next.getAndIncrement()) {
                                    GraphInserter.insert(graph, i, vectors[i], s);
                                }
                            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        return graph;
    }

    /** Exact top k node ids, best first (ties by node id, as the graph's heaps order them). */
    private static int[] exact(float[][] vectors, float[] query, int k) {
        return IntStream.range(0, vectors.length)
                .boxed()
                .sorted(
                        Comparator.comparingDouble(
                                        (Integer i) -> -VectorMath.dot(query, vectors[i]))
                                .thenComparingInt(i -> i))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static int[] search(HnswGraph graph, float[] query, int k) {
        SearchScratch s = SearchScratch.get();
        int n = graph.search(query, k, s);
        return Arrays.copyOf(s.nodes, n);
    }

    @Test
    void atHighEfTheTopKEqualsExactSearchWithTheSameScores() throws Exception {
        float[][] vectors = randomVectors(1, N);
        HnswGraph graph = build(vectors, N, 1); // one thread: the same graph every run
        assertThat(graph.size()).isEqualTo(N);
        assertThat(graph.unreachable(N)).isEmpty();
        float[][] queries = randomVectors(2, 50);
        SearchScratch s = SearchScratch.get();
        for (float[] q : queries) {
            int[] expected = exact(vectors, q, 50);
            int n = graph.search(q, 50, s);
            assertThat(Arrays.copyOf(s.nodes, n)).containsExactly(expected);
            for (int i = 0; i < n; i++) {
                // the graph's score is the exact kernel's, bit for bit
                assertThat(s.scores[i]).isEqualTo(VectorMath.dot(q, vectors[expected[i]]));
            }
        }
    }

    @Test
    void reusedScratchGivesEachQueryItsOwnExactTopKAcrossDifferentK() throws Exception {
        float[][] vectors = randomVectors(3, N);
        HnswGraph graph = build(vectors, N, 1);
        float[][] queries = randomVectors(4, 40);
        int[] ks = {50, 1, 200, 7, N, 3};
        int[][] first = new int[queries.length][];
        for (int i = 0; i < queries.length; i++) {
            int k = ks[i % ks.length];
            first[i] = search(graph, queries[i], k);
            assertThat(first[i])
                    .as("query %d, k=%d", i, k)
                    .containsExactly(exact(vectors, queries[i], k));
        }
        // the same queries again, in reverse order after larger and smaller searches
        for (int i = queries.length - 1; i >= 0; i--) {
            assertThat(search(graph, queries[i], ks[i % ks.length])).containsExactly(first[i]);
        }
    }

    @Test
    void concurrentBuildReachesHighRecallAndDeletedNodesAreRoutedButNotReturned() throws Exception {
        float[][] vectors = randomVectors(5, N);
        HnswGraph graph = build(vectors, 64, 2);
        float[][] queries = randomVectors(6, 100);
        double recall = 0;
        for (float[] q : queries) {
            int[] truth = exact(vectors, q, 10);
            int[] found = search(graph, q, 10);
            recall +=
                    Arrays.stream(found)
                                    .filter(f -> Arrays.stream(truth).anyMatch(t -> t == f))
                                    .count()
                            / 10.0;
        }
        assertThat(recall / queries.length).isGreaterThanOrEqualTo(0.98);

        int[] before = search(graph, queries[0], 10);
        graph.markDeleted(before[0]);
        graph.markDeleted(before[0]); // idempotent
        assertThat(graph.size()).isEqualTo(N - 1);
        int[] after = search(graph, queries[0], 10);
        assertThat(after).doesNotContain(before[0]).contains(Arrays.copyOfRange(before, 1, 10));
    }

    @Test
    void prefetchChangesNoResultOnlyWhenTheVectorsAreRead() throws Exception {
        float[][] vectors = randomVectors(11, N);
        HnswGraph warmed = build(vectors, 64, 1, true);
        HnswGraph plain = build(vectors, 64, 1, false);
        SearchScratch s = SearchScratch.get();
        for (float[] query : randomVectors(12, 50)) {
            int n = warmed.search(query, 10, s);
            int[] nodes = java.util.Arrays.copyOf(s.nodes, n);
            float[] scores = java.util.Arrays.copyOf(s.scores, n);
            assertThat(plain.search(query, 10, s)).isEqualTo(n);
            assertThat(java.util.Arrays.copyOf(s.nodes, n)).containsExactly(nodes);
            assertThat(java.util.Arrays.copyOf(s.scores, n)).containsExactly(scores);
        }
    }

    @Test
    void emptyGraphReturnsNothingAndOneNodeReturnsItself() {
        HnswGraph graph = new HnswGraph(4, 12, 64, 10, 1);
        float[] v = randomVectors(8, 1)[0];
        assertThat(search(graph, v, 5)).isEmpty();
        GraphInserter.insert(graph, 0, v, SearchScratch.get());
        assertThat(search(graph, v, 5)).containsExactly(0);
    }
}
