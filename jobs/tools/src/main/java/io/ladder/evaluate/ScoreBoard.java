package io.ladder.evaluate;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Scratch scores for one list: a dense array over item ids plus the ids written, so that a list
 * costs the candidates it touches, never the catalogue. {@link #top} reads and clears it.
 */
final class ScoreBoard {
    private double[] score = new double[1024];
    private int[] written = new int[1024];
    private int count;

    void add(int item, double value) {
        if (item >= score.length) {
            score = Arrays.copyOf(score, Math.max(item + 1, score.length * 2));
        }
        if (score[item] == 0) {
            if (count == written.length) {
                written = Arrays.copyOf(written, count * 2);
            }
            written[count++] = item;
        }
        score[item] += value;
    }

    double get(int item) {
        return item < score.length ? score[item] : 0;
    }

    /** The highest score written (0 when none). */
    double max() {
        double m = 0;
        for (int i = 0; i < count; i++) {
            m = Math.max(m, score[written[i]]);
        }
        return m;
    }

    /** Multiplies the score of {@code item} by {@code factor} (> 0). */
    void multiply(int item, double factor) {
        if (item < score.length) {
            score[item] *= factor;
        }
    }

    int size() {
        return count;
    }

    int itemAt(int i) {
        return written[i];
    }

    /** Multiplies every score written by {@code factor} (> 0). */
    void scale(double factor) {
        for (int i = 0; i < count; i++) {
            score[written[i]] *= factor;
        }
    }

    /**
     * The {@code n} best items with a positive score that {@code keep} accepts, best first (ties:
     * the smaller id, i.e. the item seen first); then clears every score.
     */
    int[] top(int n, IntPredicate keep) {
        // Min-heap of the best n so far, by (score, then larger id = worse).
        int[] heap = new int[Math.min(n, count)];
        int h = 0;
        for (int i = 0; i < count; i++) {
            int item = written[i];
            if (score[item] <= 0 || !keep.test(item)) {
                continue;
            }
            if (h < heap.length) {
                heap[h] = item;
                siftUp(heap, h++);
            } else if (h > 0 && better(item, heap[0])) {
                heap[0] = item;
                siftDown(heap, h);
            }
        }
        int[] out = new int[h];
        for (int i = h - 1; i >= 0; i--) {
            out[i] = heap[0];
            heap[0] = heap[i];
            siftDown(heap, i);
        }
        for (int i = 0; i < count; i++) {
            score[written[i]] = 0;
        }
        count = 0;
        return out;
    }

    private boolean better(int a, int b) {
        return score[a] > score[b] || (score[a] == score[b] && a < b);
    }

    private void siftUp(int[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!better(heap[parent], heap[i])) {
                break;
            }
            swap(heap, i, parent);
            i = parent;
        }
    }

    private void siftDown(int[] heap, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int worst = i;
            if (l < size && better(heap[worst], heap[l])) {
                worst = l;
            }
            if (l + 1 < size && better(heap[worst], heap[l + 1])) {
                worst = l + 1;
            }
            if (worst == i) {
                return;
            }
            swap(heap, i, worst);
            i = worst;
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
