package io.ladder.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Bounded min-heap of the best {@code k} (at most the number of items offered) (score, popularity,
 * id) triples in primitive arrays; the root is the worst kept entry. Order: score desc, popularity
 * desc, id asc.
 */
final class TopK {
    private final int k;
    private final float[] scores;
    private final float[] pops;
    private final String[] ids;
    private int n;

    TopK(int k) {
        this.k = k;
        this.scores = new float[k];
        this.pops = new float[k];
        this.ids = new String[k];
    }

    /** Whether an entry would be kept; cheap enough to call before the filter. */
    boolean admits(float score, float pop, String id) {
        if (n < k) {
            return true;
        }
        return better(score, pop, id, scores[0], pops[0], ids[0]);
    }

    void add(float score, float pop, String id) {
        if (n < k) {
            scores[n] = score;
            pops[n] = pop;
            ids[n] = id;
            siftUp(n++);
        } else if (better(score, pop, id, scores[0], pops[0], ids[0])) {
            scores[0] = score;
            pops[0] = pop;
            ids[0] = id;
            siftDown(0);
        }
    }

    /** The kept entries, best first; empties the heap. */
    List<ScoredItem> drain() {
        List<ScoredItem> out = new ArrayList<>(n);
        while (n > 0) {
            out.add(new ScoredItem(ids[0], scores[0]));
            n--;
            scores[0] = scores[n];
            pops[0] = pops[n];
            ids[0] = ids[n];
            ids[n] = null;
            siftDown(0);
        }
        Collections.reverse(out);
        return out;
    }

    static boolean better(float s1, float p1, String id1, float s2, float p2, String id2) {
        if (s1 != s2) {
            return s1 > s2;
        }
        if (p1 != p2) {
            return p1 > p2;
        }
        return id1.compareTo(id2) < 0;
    }

    private boolean worse(int a, int b) {
        return better(scores[b], pops[b], ids[b], scores[a], pops[a], ids[a]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(i, parent)) {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                return;
            }
            int r = l + 1;
            int w = r < n && worse(r, l) ? r : l;
            if (!worse(w, i)) {
                return;
            }
            swap(i, w);
            i = w;
        }
    }

    private void swap(int a, int b) {
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        float p = pops[a];
        pops[a] = pops[b];
        pops[b] = p;
        String id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
    }
}
