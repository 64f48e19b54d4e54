package io.ladder.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HnswItemIndexTest extends ItemIndexContract {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    final AtomicLong now = new AtomicLong(T0.toEpochMilli());

    @Override
    ItemIndex newIndex(int dimensions) {
        // ef above the contract's data sizes: the graph search is exhaustive, results exact
        return HnswItemIndex.builder(dimensions).ef(400).clock(clock()).build();
    }

    Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
    }

    HnswItemIndex hnsw() {
        return (HnswItemIndex) index;
    }

    /** Items "i0", "i1", ... with these vectors, popularity 0. */
    static List<ItemVector> numbered(List<float[]> vectors) {
        List<ItemVector> items = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            items.add(new ItemVector("i" + i, vectors.get(i), 0f));
        }
        return items;
    }

    static List<float[]> randomVectors(Random random, int n) {
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(randomVector(random));
        }
        return out;
    }

    @Test
    void upsertIsSearchableBeforeAnyRebuildAndRemovedNodeGoesAtRebuild() {
        Random random = new Random(31);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            vectors.add(randomVector(random));
            index.upsert("i" + i, vectors.get(i), 0f);
        }
        assertThat(index.version()).isZero();
        assertThat(index.search(vectors.get(42), 1, null))
                .extracting(ScoredItem::id)
                .containsExactly("i42");

        index.remove("i42");
        IndexStats before = hnsw().stats();
        assertThat(before.deletedNodes()).isEqualTo(1);
        assertThat(before.graphNodes()).isEqualTo(199);
        assertThat(before.changesSinceBuild()).isEqualTo(201);

        now.addAndGet(5_000);
        assertThat(hnsw().rebuildNow()).isEqualTo(1);
        IndexStats after = hnsw().stats();
        assertThat(after.deletedNodes()).isZero();
        assertThat(after.graphNodes()).isEqualTo(199);
        assertThat(after.version()).isEqualTo(1);
        assertThat(after.builtAtMillis()).isEqualTo(T0.toEpochMilli() + 5_000);
        assertThat(after.changesSinceBuild()).isZero();
        assertThat(index.builtAtMillis()).isEqualTo(T0.toEpochMilli() + 5_000);
        assertThat(index.search(vectors.get(42), 5, null))
                .extracting(ScoredItem::id)
                .doesNotContain("i42");
    }

    @Test
    void upsertAllBuildsOneGraphInParallel() {
        List<ItemVector> items = numbered(randomVectors(new Random(32), 300));
        index.upsertAll(items);
        assertThat(index.size()).isEqualTo(300);
        assertThat(index.version()).isEqualTo(1);
        assertThat(hnsw().stats().graphNodes()).isEqualTo(300);
        assertThat(index.search(items.get(17).vector(), 1, null))
                .extracting(ScoredItem::id)
                .containsExactly("i17");
    }

    @Test
    void filteredSearchFindsItemsWhoseNodeNoLinkReaches() {
        // m = 2 and a small efConstruction prune so hard that most nodes lose every in-link (the
        // same pruning orphans a lone outlier at the default m): the graph cannot reach them
        int dim = 8;
        float[][] vectors = new ClusteredVectors(1, dim, 3, 5).items(2_000);
        List<ItemVector> items = numbered(Arrays.asList(vectors));
        try (HnswItemIndex sparse =
                HnswItemIndex.builder(dim).m(2).efConstruction(8).ef(8).buildThreads(1).build()) {
            sparse.upsertAll(items);
            for (int i = 0; i < vectors.length; i++) {
                String id = "i" + i;
                assertThat(sparse.search(vectors[i], 1, id::equals))
                        .as("filtered search for %s", id)
                        .containsExactly(
                                new ScoredItem(id, VectorMath.dot(vectors[i], vectors[i])));
            }
            // a filter accepting a few far-apart items returns them in exact order
            Set<String> few = Set.of("i3", "i999", "i1500");
            ExactItemIndex exact = new ExactItemIndex(dim);
            exact.upsertAll(items);
            assertThat(sparse.search(vectors[0], 3, few::contains))
                    .hasSize(3)
                    .isEqualTo(exact.search(vectors[0], 3, few::contains));
        }
    }

    @Test
    void buildFindsOrphanedNodesAndUnfilteredSearchesScanThem() {
        // clustered items plus lone outliers: neighbour pruning leaves some outliers with no
        // in-link (m = 4 makes it tens, not the one in thousands of m = 12)
        int dim = 16;
        List<float[]> vectors =
                new ArrayList<>(List.of(new ClusteredVectors(1, dim, 5, 5).items(2_000)));
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            float[] outlier = new float[dim];
            for (int j = 0; j < dim; j++) {
                outlier[j] = (float) random.nextGaussian();
            }
            ClusteredVectors.normaliseHeads(outlier, 1);
            vectors.add(outlier);
        }
        List<ItemVector> items = numbered(vectors);
        // ef covers the whole graph: a search misses only what no link reaches
        try (HnswItemIndex pruned =
                HnswItemIndex.builder(dim).m(4).efConstruction(16).ef(vectors.size()).build()) {
            pruned.upsertAll(items);
            assertThat(pruned.stats().unreachableNodes()).isPositive();
            for (int i = 0; i < vectors.size(); i++) {
                assertThat(pruned.search(vectors.get(i), 1, null))
                        .extracting(ScoredItem::id)
                        .as("unfiltered search for i%d", i)
                        .containsExactly("i" + i);
            }
            // a removal takes an orphan out of the scanned set too
            String orphan = null;
            for (int n = 0; n < vectors.size() && orphan == null; n++) {
                int i = (n + 2_000) % vectors.size(); // outliers first: most orphans are
                int before = pruned.stats().unreachableNodes();
                pruned.remove("i" + i);
                if (pruned.stats().unreachableNodes() == before - 1) {
                    orphan = "i" + i;
                    assertThat(pruned.search(vectors.get(i), 1, null))
                            .extracting(ScoredItem::id)
                            .doesNotContain(orphan);
                }
            }
            assertThat(orphan).isNotNull();
        }
    }

    @Test
    void loadThenRebuildAsyncServesTheCatalogueWithTheWritesMadeDuringTheBuild() {
        Random random = new Random(41);
        List<ItemVector> items = numbered(randomVectors(random, 2_000));
        try (HnswItemIndex idx = HnswItemIndex.builder(DIM).ef(64).build()) {
            idx.load(items);
            // loaded, not yet built: no graph holds the items, a search finds them by the scan
            assertThat(idx.size()).isEqualTo(2_000);
            assertThat(idx.version()).isZero();
            assertThat(idx.stats().graphNodes()).isZero();
            assertThat(idx.search(items.get(5).vector(), 1, null))
                    .extracting(ScoredItem::id)
                    .containsExactly("i5");

            java.util.concurrent.CompletableFuture<Long> built = idx.rebuildAsync();
            float[] moved = randomVector(random);
            idx.upsert("i7", moved, 0f);
            idx.upsert("late", items.get(9).vector().clone(), 0f);
            idx.remove("i11");
            assertThat(built.join()).isEqualTo(1);

            assertThat(idx.search(items.get(5).vector(), 1, null))
                    .extracting(ScoredItem::id)
                    .containsExactly("i5");
            assertThat(idx.search(moved, 1, null)).extracting(ScoredItem::id).containsExactly("i7");
            assertThat(idx.search(items.get(9).vector(), 2, null))
                    .extracting(ScoredItem::id)
                    .containsExactlyInAnyOrder("i9", "late");
            assertThat(idx.search(items.get(11).vector(), 5, null))
                    .extracting(ScoredItem::id)
                    .doesNotContain("i11");
            assertThat(idx.size()).isEqualTo(2_000);
        }
    }

    @Test
    void newVectorsBeyondCapacityOverflowToExactScanUntilRebuild() throws Exception {
        HnswItemIndex small =
                HnswItemIndex.builder(DIM)
                        .minHeadroom(8)
                        .rebuildPolicy(RebuildPolicy.onlyOnOverflow())
                        .build();
        try (small) {
            Random random = new Random(33);
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                vectors.add(randomVector(random));
                small.upsert("i" + i, vectors.get(i), 0f);
            }
            IndexStats stats = small.stats();
            assertThat(stats.graphNodes()).isEqualTo(8);
            assertThat(stats.overflowGroups()).isEqualTo(12);
            for (int i = 0; i < 20; i++) {
                assertThat(small.search(vectors.get(i), 1, null))
                        .extracting(ScoredItem::id)
                        .containsExactly("i" + i);
            }
            small.remove("i19");
            assertThat(small.stats().overflowGroups()).isEqualTo(11);
            assertThat(small.maybeRebuild(0)).isTrue();
            awaitRebuilt(small);
            assertThat(small.stats().overflowGroups()).isZero();
            assertThat(small.stats().graphNodes()).isEqualTo(19);
            assertThat(small.maybeRebuild(0)).isFalse();
        }
    }

    @Test
    void maybeRebuildFollowsThePolicy() throws Exception {
        HnswItemIndex idx =
                HnswItemIndex.builder(DIM)
                        .clock(clock())
                        .rebuildPolicy(new RebuildPolicy(5, java.time.Duration.ofSeconds(60)))
                        .build();
        try (idx) {
            Random random = new Random(34);
            long t = now.get();
            assertThat(idx.maybeRebuild(t + 120_000)).as("no changes, no rebuild").isFalse();
            for (int i = 0; i < 4; i++) {
                idx.upsert("i" + i, randomVector(random), 0f);
            }
            assertThat(idx.maybeRebuild(t + 1_000)).isFalse();
            assertThat(idx.maybeRebuild(t + 60_000)).as("interval passed").isTrue();
            awaitRebuilt(idx);
            assertThat(idx.version()).isEqualTo(1);
            for (int i = 0; i < 5; i++) {
                idx.upsert("j" + i, randomVector(random), 0f);
            }
            assertThat(idx.maybeRebuild(t + 1_000)).as("5 changes").isTrue();
            awaitRebuilt(idx);
            assertThat(idx.version()).isEqualTo(2);
            assertThat(idx.size()).isEqualTo(9);
        }
    }

    /** Waits for the rebuild maybeRebuild started (it may already have finished). */
    static void awaitRebuilt(HnswItemIndex idx) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (idx.isRebuilding() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(idx.isRebuilding()).isFalse();
    }

    @Test
    void rebuildAsyncWhileOneRunsReturnsTheRunningOne() {
        Random random = new Random(35);
        for (int i = 0; i < 2000; i++) {
            index.upsert("i" + i, randomVector(random), 0f);
        }
        var first = hnsw().rebuildAsync();
        var second = hnsw().rebuildAsync();
        assertThat(second).isSameAs(first);
        assertThat(first.join()).isEqualTo(1L);
        assertThat(hnsw().rebuildNow()).isEqualTo(2L);
    }

    @Test
    void swapIsAtomicSearchesDuringSwapsAlwaysSeeAWholeGraph() throws Exception {
        Random random = new Random(36);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            vectors.add(randomVector(random));
            index.upsert("i" + i, vectors.get(i), 0f);
        }
        java.util.concurrent.atomic.AtomicBoolean done =
                new java.util.concurrent.atomic.AtomicBoolean();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger searches =
                new java.util.concurrent.atomic.AtomicInteger();
        Thread searcher =
                new Thread(
                        () -> {
                            Random r = new Random(1);
                            long last = 0;
                            while (!done.get()) {
                                try {
                                    int i = r.nextInt(400);
                                    long v = index.version();
                                    List<ScoredItem> hits = index.search(vectors.get(i), 10, null);
                                    // a half-built or empty graph would return fewer or other ids
                                    assertThat(hits).hasSize(10);
                                    assertThat(hits.get(0).id()).isEqualTo("i" + i);
                                    assertThat(v).isGreaterThanOrEqualTo(last);
                                    last = v;
                                    searches.incrementAndGet();
                                } catch (Throwable e) {
                                    errors.add(e);
                                    return;
                                }
                            }
                        });
        searcher.start();
        for (int round = 1; round <= 5; round++) {
            assertThat(hnsw().rebuildAsync().join()).isEqualTo(round);
            assertThat(index.version()).isEqualTo(round);
        }
        done.set(true);
        searcher.join();
        assertThat(errors).isEmpty();
        assertThat(searches.get()).isPositive();
    }
}
