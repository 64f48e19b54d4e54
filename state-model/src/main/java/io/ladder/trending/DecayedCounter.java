package io.ladder.trending;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Time-decayed counts of a bounded set of keys: {@code count(k) = sum_i w_i 2^(-(now - t_i) / h)}.
 *
 * <p>Counts are stored scaled to a reference time, so adding is O(1) and ageing costs nothing; the
 * reference moves forward (rescaling every count) before the scale factor could overflow. When more
 * than {@code capacity} keys are held, the weakest half is dropped: a trending list only needs the
 * head of the distribution, and the bound keeps memory fixed under any traffic. Not thread-safe.
 */
public final class DecayedCounter {
    /** Rescale once the newest event is this many half-lives past the reference. */
    private static final double RESCALE_HALF_LIVES = 64;

    private final double halfLifeMillis;
    private final int capacity;
    private final long rankingReuseMillis;
    private List<Map.Entry<String, Double>> ranking = List.of();
    private long rankedAt = Long.MIN_VALUE;
    private int rankedN;
    private final Map<String, double[]> counts = new HashMap<>();
    private long referenceMillis = Long.MIN_VALUE;

    public DecayedCounter(long halfLifeMillis, int capacity) {
        this(halfLifeMillis, capacity, 0);
    }

    /**
     * @param rankingReuseMillis {@link #top} reuses its last ranking for this long (of the caller's
     *     clock): ranking sorts every key, and a list built per event must not pay that each time;
     *     popularity over a half-life of an hour does not change in a second
     */
    public DecayedCounter(long halfLifeMillis, int capacity, long rankingReuseMillis) {
        if (halfLifeMillis <= 0 || capacity < 1 || rankingReuseMillis < 0) {
            throw new IllegalArgumentException("half-life and capacity must be positive");
        }
        this.halfLifeMillis = halfLifeMillis;
        this.capacity = capacity;
        this.rankingReuseMillis = rankingReuseMillis;
    }

    /** Adds {@code weight} for {@code key} at time {@code timeMillis} (any order). */
    public void add(String key, double weight, long timeMillis) {
        if (referenceMillis == Long.MIN_VALUE) {
            referenceMillis = timeMillis;
        }
        double exponent = (timeMillis - referenceMillis) / halfLifeMillis;
        if (exponent > RESCALE_HALF_LIVES) {
            rescaleTo(timeMillis);
            exponent = 0;
        }
        counts.computeIfAbsent(key, k -> new double[1])[0] += weight * Math.pow(2, exponent);
        if (counts.size() > capacity) {
            evictWeakestHalf();
        }
    }

    /** The decayed count of {@code key} as seen at {@code nowMillis}. */
    public double count(String key, long nowMillis) {
        double[] scaled = counts.get(key);
        return scaled == null
                ? 0
                : scaled[0] * Math.pow(2, (referenceMillis - nowMillis) / halfLifeMillis);
    }

    /** Up to {@code n} keys, highest decayed count first, ties by key. */
    public List<Map.Entry<String, Double>> top(int n, long nowMillis) {
        if (rankedAt != Long.MIN_VALUE
                && n <= rankedN
                && Math.abs(nowMillis - rankedAt) < rankingReuseMillis) {
            return ranking.size() > n ? ranking.subList(0, n) : ranking;
        }
        ranking = rank(n, nowMillis);
        rankedAt = nowMillis;
        rankedN = n;
        return ranking;
    }

    private List<Map.Entry<String, Double>> rank(int n, long nowMillis) {
        double factor = Math.pow(2, (referenceMillis - nowMillis) / halfLifeMillis);
        List<Map.Entry<String, Double>> all = new ArrayList<>(counts.size());
        counts.forEach((k, v) -> all.add(Map.entry(k, v[0] * factor)));
        all.sort(
                Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue)
                        .reversed()
                        .thenComparing(Map.Entry::getKey));
        return all.size() > n ? new ArrayList<>(all.subList(0, n)) : all;
    }

    public int size() {
        return counts.size();
    }

    /** Total decayed mass, for comparing how active two counters are. */
    public double mass(long nowMillis) {
        double sum = 0;
        for (double[] v : counts.values()) {
            sum += v[0];
        }
        return sum * Math.pow(2, (referenceMillis - nowMillis) / halfLifeMillis);
    }

    private void rescaleTo(long newReference) {
        double factor = Math.pow(2, (referenceMillis - newReference) / halfLifeMillis);
        counts.values().forEach(v -> v[0] *= factor);
        counts.values().removeIf(v -> v[0] < 1e-12);
        referenceMillis = newReference;
    }

    private void evictWeakestHalf() {
        List<Map.Entry<String, double[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.comparingDouble(e -> e.getValue()[0]));
        for (int i = 0; i < entries.size() / 2; i++) {
            counts.remove(entries.get(i).getKey());
        }
    }
}
