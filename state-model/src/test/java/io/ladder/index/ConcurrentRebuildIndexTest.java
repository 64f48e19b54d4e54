package io.ladder.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Upserts and removals race searches and background rebuilds; afterwards nothing upserted is lost
 * and nothing removed comes back, and searches never failed or saw the version go backwards.
 */
class ConcurrentRebuildIndexTest {
    static final int DIM = 96;
    static final int INITIAL = 1_000;
    static final int WRITES = 1_500;

    @Test
    void writesDuringSearchesAndRebuildsAreNotLost() throws Exception {
        ClusteredVectors data = new ClusteredVectors(3, 32, 20, 51);
        float[][] vectors = data.items(INITIAL + WRITES);
        Map<String, float[]> expected = new ConcurrentHashMap<>();
        Set<String> removed = ConcurrentHashMap.newKeySet();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger searches = new AtomicInteger();
        AtomicInteger rebuildsStartedDuringWrites = new AtomicInteger();

        AtomicInteger replayed = new AtomicInteger();
        RebuildListener countReplays =
                new RebuildListener() {
                    @Override
                    public void swapped(long version, int changes, long nanos) {
                        replayed.addAndGet(changes);
                    }
                };
        try (HnswItemIndex index =
                HnswItemIndex.builder(DIM)
                        .efConstruction(64)
                        .buildThreads(2)
                        .listener(countReplays)
                        .build()) {
            List<ItemVector> initial = new ArrayList<>();
            for (int i = 0; i < INITIAL; i++) {
                initial.add(new ItemVector("i" + i, vectors[i], 0f));
                expected.put("i" + i, vectors[i]);
            }
            index.upsertAll(initial);
            long startVersion = index.version();

            CountDownLatch started = new CountDownLatch(2);
            List<Thread> searchers = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                int seed = s;
                Thread t =
                        new Thread(
                                () -> {
                                    Random r = new Random(seed);
                                    long lastVersion = 0;
                                    started.countDown();
                                    while (!done.get()) {
                                        try {
                                            long v = index.version();
                                            assertThat(v).isGreaterThanOrEqualTo(lastVersion);
                                            lastVersion = v;
                                            float[] q = vectors[r.nextInt(vectors.length)];
                                            List<ScoredItem> hits = index.search(q, 10, null);
                                            assertThat(hits).hasSize(10);
                                            assertThat(hits)
                                                    .extracting(ScoredItem::id)
                                                    .doesNotHaveDuplicates();
                                            searches.incrementAndGet();
                                        } catch (Throwable e) {
                                            errors.add(e);
                                            return;
                                        }
                                    }
                                });
                t.start();
                searchers.add(t);
            }
            started.await();

            // the writer: new items, moved items, removals; a rebuild every 300 writes
            Random r = new Random(52);
            for (int w = 0; w < WRITES; w++) {
                String id = "n" + w;
                index.upsert(id, vectors[INITIAL + w], 0f);
                expected.put(id, vectors[INITIAL + w]);
                if (w % 10 == 3) {
                    String victim = "i" + r.nextInt(INITIAL);
                    if (index.remove(victim)) {
                        expected.remove(victim);
                        removed.add(victim);
                    }
                }
                if (w % 10 == 7) {
                    // move an existing item onto a new vector
                    String mover = "i" + r.nextInt(INITIAL);
                    if (!removed.contains(mover)) {
                        float[] v = vectors[r.nextInt(INITIAL + w)].clone();
                        v[0] += 0.01f;
                        ClusteredVectors.normaliseHeads(v, 3);
                        index.upsert(mover, v, 0f);
                        expected.put(mover, v);
                    }
                }
                if (w % 300 == 0) {
                    index.rebuildAsync();
                    if (index.isRebuilding()) {
                        rebuildsStartedDuringWrites.incrementAndGet();
                    }
                }
            }
            index.rebuildAsync().join();
            done.set(true);
            for (Thread t : searchers) {
                t.join();
            }

            assertThat(errors).isEmpty();
            assertThat(searches.get()).isPositive();
            assertThat(rebuildsStartedDuringWrites.get()).isPositive();
            assertThat(index.version()).isGreaterThan(startVersion);
            // writes landed while a graph was being built and went in by replay
            assertThat(replayed.get()).isPositive();
            assertThat(index.size()).isEqualTo(expected.size());
            IndexStats stats = index.stats();
            assertThat(stats.items()).isEqualTo(expected.size());
            // movers may land on the same vector: live nodes are the distinct live vectors
            // (nodes emptied by replayed moves and removals are deleted, not live)
            assertThat(stats.graphNodes()).isEqualTo(stats.vectors());
            assertThat(stats.overflowGroups()).isZero();

            // the serving graph holds exactly the table's distinct vectors
            Set<VectorKey> distinct = ConcurrentHashMap.newKeySet();
            expected.values().forEach(v -> distinct.add(new VectorKey(v)));
            assertThat(stats.vectors()).isEqualTo(distinct.size());

            // nothing lost: every live id is served (a filtered search widens to the whole graph)
            // with its own vector, and almost always found among the top 10 without a filter
            int inTop10 = 0;
            for (Map.Entry<String, float[]> e : expected.entrySet()) {
                String id = e.getKey();
                float[] v = e.getValue();
                assertThat(index.vector(id))
                        .hasValueSatisfying(stored -> assertThat(stored).containsExactly(v));
                assertThat(index.search(v, 1, id::equals))
                        .as("served: %s", id)
                        .containsExactly(new ScoredItem(id, VectorMath.dot(v, v)));
                if (index.search(v, 10, null).stream().anyMatch(h -> h.id().equals(id))) {
                    inTop10++;
                }
            }
            assertThat(inTop10 / (double) expected.size()).isGreaterThanOrEqualTo(0.99);
            for (String id : removed) {
                assertThat(index.contains(id)).isFalse();
                assertThat(index.search(vectors[Integer.parseInt(id.substring(1))], 20, null))
                        .extracting(ScoredItem::id)
                        .doesNotContain(id);
            }
            // a quiet rebuild drops every deleted node
            index.rebuildNow();
            assertThat(index.stats().deletedNodes()).isZero();
            assertThat(index.stats().graphNodes()).isEqualTo(index.stats().vectors());
            assertThat(index.size()).isEqualTo(expected.size());
        }
    }
}
