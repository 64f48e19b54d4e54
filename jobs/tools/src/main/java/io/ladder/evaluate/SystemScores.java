package io.ladder.evaluate;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What one system scored: the rank of the target item in the list before each scored event (aligned
 * with {@link TestTargets#scored()}), and per K the distinct items and the diversity of every list
 * scored.
 */
public final class SystemScores {
    private final String name;
    private final int[] ks;
    private final int[] ranks;
    private final List<Set<String>> distinct;
    private final double[] diversitySum;
    private final long[] diversityLists;
    private long lists;

    public SystemScores(String name, int[] ks, int events) {
        this.name = name;
        this.ks = ks.clone();
        this.ranks = new int[events];
        Arrays.fill(ranks, -1);
        this.distinct = new java.util.ArrayList<>();
        for (int k : ks) {
            distinct.add(new HashSet<>());
        }
        this.diversitySum = new double[ks.length];
        this.diversityLists = new long[ks.length];
    }

    /** Scores event {@code index} against {@code list} (null = the system had no list). */
    public void record(
            int index, List<String> list, String item, Function<String, String> categoryOf) {
        ranks[index] = RankMetrics.rank(list, item);
        if (list == null) {
            return;
        }
        lists++;
        for (int i = 0; i < ks.length; i++) {
            distinct.get(i).addAll(list.subList(0, Math.min(ks[i], list.size())));
            double d = RankMetrics.diversity(list, ks[i], categoryOf);
            if (!Double.isNaN(d)) {
                diversitySum[i] += d;
                diversityLists[i]++;
            }
        }
    }

    public String name() {
        return name;
    }

    public int rank(int index) {
        return ranks[index];
    }

    public long listsScored() {
        return lists;
    }

    public double coverage(int kIndex, long catalogueSize) {
        return catalogueSize == 0
                ? Double.NaN
                : (double) distinct.get(kIndex).size() / catalogueSize;
    }

    public double diversity(int kIndex) {
        return diversityLists[kIndex] == 0
                ? Double.NaN
                : diversitySum[kIndex] / diversityLists[kIndex];
    }
}
