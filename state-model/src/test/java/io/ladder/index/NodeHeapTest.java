package io.ladder.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeHeapTest {
    record Entry(float score, int node) {}

    private static final Comparator<Entry> LOW_FIRST =
            Comparator.comparingDouble(Entry::score).thenComparingInt(Entry::node);

    private static List<Entry> randomEntries(Random random, int n) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // negative, repeated and signed-zero scores: ties pop in node order, -0f before 0f
            // (as Float.compare orders them)
            float score = random.nextInt(5) == 0 ? 0.5f : (float) random.nextGaussian();
            entries.add(new Entry(i % 7 == 0 ? -0f : score, random.nextInt(1 << 20)));
        }
        return entries;
    }

    private static List<Entry> drain(NodeHeap heap) {
        List<Entry> out = new ArrayList<>();
        while (!heap.isEmpty()) {
            float score = heap.topScore();
            out.add(new Entry(score, heap.pop()));
        }
        return out;
    }

    @Test
    void worstFirstPopsLowestScoreFirstAndGrowsPastItsInitialCapacity() {
        List<Entry> entries = randomEntries(new Random(1), 1_000);
        NodeHeap heap = NodeHeap.worstFirst();
        entries.forEach(e -> heap.push(e.score(), e.node()));
        assertThat(heap.size()).isEqualTo(1_000);
        List<Entry> expected = new ArrayList<>(entries);
        expected.sort(LOW_FIRST);
        assertThat(drain(heap)).containsExactlyElementsOf(expected);
    }

    @Test
    void bestFirstPopsHighestScoreFirst() {
        List<Entry> entries = randomEntries(new Random(2), 500);
        NodeHeap heap = NodeHeap.bestFirst();
        entries.forEach(e -> heap.push(e.score(), e.node()));
        List<Entry> expected = new ArrayList<>(entries);
        expected.sort(
                Comparator.comparingDouble((Entry e) -> -e.score()).thenComparingInt(Entry::node));
        assertThat(drain(heap)).containsExactlyElementsOf(expected);
    }

    @Test
    void replaceTopKeepsTheBestOfABoundedSetAndClearEmpties() {
        // the result-set use: keep the 10 highest scores of a stream
        List<Entry> entries = randomEntries(new Random(3), 300);
        NodeHeap heap = NodeHeap.worstFirst();
        for (Entry e : entries) {
            if (heap.size() < 10) {
                heap.push(e.score(), e.node());
            } else if (e.score() > heap.topScore()) {
                heap.replaceTop(e.score(), e.node());
            }
        }
        List<Entry> expected = new ArrayList<>(entries);
        expected.sort(LOW_FIRST.reversed());
        List<Float> top10 = expected.subList(0, 10).stream().map(Entry::score).sorted().toList();
        assertThat(drain(heap)).extracting(Entry::score).containsExactlyElementsOf(top10);
        heap.push(1f, 1);
        heap.clear();
        assertThat(heap.isEmpty()).isTrue();
    }

    @Test
    void packingKeepsScoreOrderAcrossSignsAndDecodesExactly() {
        float[] ascending = {
            -Float.MAX_VALUE, -3f, -1e-30f, -0f, 0f, 1e-30f, 0.5f, Float.MAX_VALUE
        };
        for (int i = 0; i < ascending.length; i++) {
            long key = NodeHeap.encode(ascending[i], 7);
            assertThat(Float.floatToIntBits(NodeHeap.decodeScore(key)))
                    .isEqualTo(Float.floatToIntBits(ascending[i]));
            if (i > 0) {
                assertThat(NodeHeap.encode(ascending[i - 1], Integer.MAX_VALUE)).isLessThan(key);
            }
        }
    }
}
