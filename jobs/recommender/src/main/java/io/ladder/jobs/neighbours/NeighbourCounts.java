package io.ladder.jobs.neighbours;

import io.ladder.jobs.catalog.ItemNeighbours;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The item side of co-engagement: one item's neighbour counts, bounded, and when to broadcast its
 * strongest ones. Kept in a {@link Store} (keyed MapState in the job, a map in the replay) with a
 * three-number header: neighbours held, updates counted, last event time. No Flink here.
 *
 * <p>Bounded: once {@code 2 x keep} neighbours are held, all but the strongest {@code keep} go
 * (ties by id, so the job and the replay drop the same ones). Broadcast: after the 1st, 2nd, 4th,
 * ... 64th update and then every {@link #BROADCAST_EVERY}th, so a new item's neighbours reach the
 * lists within a few pairs while a popular item's updates cost a broadcast per 64 of its pairs.
 */
public final class NeighbourCounts {
    /** Updates between broadcasts of an established item. */
    public static final long BROADCAST_EVERY = 64;

    /** Header slots. */
    public static final int SIZE = 0;

    public static final int UPDATES = 1;
    public static final int LAST_SEEN = 2;
    public static final int HEADER = 3;

    /** One item's neighbour counts. */
    public interface Store {
        Float get(String neighbour) throws Exception;

        void put(String neighbour, float count) throws Exception;

        void remove(String neighbour) throws Exception;

        Iterable<Map.Entry<String, Float>> entries() throws Exception;
    }

    /** A {@link Store} in a map, with its header: the replay's, and the tests'. */
    public static final class MapStore implements Store {
        private final Map<String, Float> map = new HashMap<>();
        private final long[] header = new long[HEADER];

        /** The header {@link NeighbourCounts#add} updates (mutable, as the job's value state). */
        public long[] header() {
            return header;
        }

        /** The counts held, read-only. */
        public Map<String, Float> counts() {
            return Collections.unmodifiableMap(map);
        }

        @Override
        public Float get(String neighbour) {
            return map.get(neighbour);
        }

        @Override
        public void put(String neighbour, float count) {
            map.put(neighbour, count);
        }

        @Override
        public void remove(String neighbour) {
            map.remove(neighbour);
        }

        @Override
        public Iterable<Map.Entry<String, Float>> entries() {
            return map.entrySet();
        }
    }

    private static final Comparator<Map.Entry<String, Float>> STRONGEST_FIRST =
            Comparator.<Map.Entry<String, Float>>comparingDouble(Map.Entry::getValue)
                    .reversed()
                    .thenComparing(Map.Entry::getKey);

    private NeighbourCounts() {}

    /**
     * Adds one co-engagement with each of {@code update.neighbours} to {@code self}'s counts and
     * updates {@code header}; returns whether the item's neighbours should be broadcast now.
     */
    public static boolean add(Store store, long[] header, String self, PairUpdate update, int keep)
            throws Exception {
        for (String neighbour : update.neighbours) {
            if (neighbour == null || neighbour.equals(self)) {
                continue;
            }
            Float count = store.get(neighbour);
            if (count == null) {
                header[SIZE]++;
                store.put(neighbour, 1f);
            } else {
                store.put(neighbour, count + 1f);
            }
        }
        if (header[SIZE] >= 2L * keep) {
            List<Map.Entry<String, Float>> all = sorted(store);
            for (int i = keep; i < all.size(); i++) {
                store.remove(all.get(i).getKey());
            }
            header[SIZE] = Math.min(keep, all.size());
        }
        header[UPDATES]++;
        header[LAST_SEEN] = Math.max(header[LAST_SEEN], update.time);
        long n = header[UPDATES];
        return n <= BROADCAST_EVERY ? (n & (n - 1)) == 0 : n % BROADCAST_EVERY == 0;
    }

    /** The strongest {@code k} neighbours, strongest first (ties by id). */
    public static ItemNeighbours top(Store store, int k) throws Exception {
        List<Map.Entry<String, Float>> all = sorted(store);
        int n = Math.min(k, all.size());
        String[] ids = new String[n];
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            ids[i] = all.get(i).getKey();
            weights[i] = all.get(i).getValue();
        }
        return new ItemNeighbours(ids, weights);
    }

    private static List<Map.Entry<String, Float>> sorted(Store store) throws Exception {
        List<Map.Entry<String, Float>> all = new ArrayList<>();
        for (Map.Entry<String, Float> e : store.entries()) {
            all.add(Map.entry(e.getKey(), e.getValue()));
        }
        all.sort(STRONGEST_FIRST);
        return all;
    }
}
