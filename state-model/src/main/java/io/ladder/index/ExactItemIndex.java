package io.ladder.index;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * Exact maximum inner product search: one tight loop over a flat {@code float[]} holding every
 * vector back to back, a bounded heap of the best {@code k}. For small catalogues, tests, and as
 * the ground truth for HNSW recall.
 *
 * <p>Thread-safe: searches share a read lock, writes take the write lock. Removal moves the last
 * item into the freed slot, so the array stays dense. There is no rebuild: {@link #version()} is
 * always 0 and {@link #builtAtMillis()} the creation time.
 */
public final class ExactItemIndex implements ItemIndex {
    private static final int INITIAL_CAPACITY = 1024;

    private final int dimensions;
    private final long createdAtMillis;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> slots = new HashMap<>();
    private float[] vectors;
    private float[] popularity;
    private String[] ids;
    private int size;

    public ExactItemIndex(int dimensions) {
        this(dimensions, Clock.systemUTC());
    }

    public ExactItemIndex(int dimensions, Clock clock) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, was " + dimensions);
        }
        this.dimensions = dimensions;
        this.createdAtMillis = clock.millis();
        this.vectors = new float[INITIAL_CAPACITY * dimensions];
        this.popularity = new float[INITIAL_CAPACITY];
        this.ids = new String[INITIAL_CAPACITY];
    }

    @Override
    public void upsert(String id, float[] vector, float popularity) {
        checkItem(id, vector, popularity, dimensions);
        lock.writeLock().lock();
        try {
            Integer slot = slots.get(id);
            int s;
            if (slot == null) {
                ensureCapacity(size + 1);
                s = size++;
                slots.put(id, s);
                ids[s] = id;
            } else {
                s = slot;
            }
            System.arraycopy(vector, 0, vectors, s * dimensions, dimensions);
            this.popularity[s] = popularity;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean remove(String id) {
        lock.writeLock().lock();
        try {
            Integer slot = slots.remove(id);
            if (slot == null) {
                return false;
            }
            int last = --size;
            if (slot != last) {
                System.arraycopy(
                        vectors, last * dimensions, vectors, slot * dimensions, dimensions);
                popularity[slot] = popularity[last];
                ids[slot] = ids[last];
                slots.put(ids[slot], slot);
            }
            ids[last] = null;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<ScoredItem> search(float[] query, int k, Predicate<String> filter) {
        VectorMath.checkVector(query, dimensions, "query");
        if (k <= 0) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            int n = size;
            if (n == 0) {
                return List.of();
            }
            TopK top = new TopK(Math.min(k, n));
            float[] flat = vectors;
            int dim = dimensions;
            for (int s = 0; s < n; s++) {
                float score = VectorMath.dot(query, flat, s * dim, dim);
                if (top.admits(score, popularity[s], ids[s])
                        && (filter == null || filter.test(ids[s]))) {
                    top.add(score, popularity[s], ids[s]);
                }
            }
            return top.drain();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public long version() {
        return 0;
    }

    @Override
    public long builtAtMillis() {
        return createdAtMillis;
    }

    @Override
    public boolean contains(String id) {
        lock.readLock().lock();
        try {
            return slots.containsKey(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<float[]> vector(String id) {
        lock.readLock().lock();
        try {
            Integer slot = slots.get(id);
            if (slot == null) {
                return Optional.empty();
            }
            int from = slot * dimensions;
            return Optional.of(Arrays.copyOfRange(vectors, from, from + dimensions));
        } finally {
            lock.readLock().unlock();
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= ids.length) {
            return;
        }
        int capacity = Math.max(needed, ids.length + (ids.length >> 1));
        vectors = Arrays.copyOf(vectors, capacity * dimensions);
        popularity = Arrays.copyOf(popularity, capacity);
        ids = Arrays.copyOf(ids, capacity);
    }

    static void checkItem(String id, float[] vector, float popularity, int dimensions) {
        if (id == null) {
            throw new IllegalArgumentException("item id is null");
        }
        VectorMath.checkVector(vector, dimensions, "item " + id);
        if (!Float.isFinite(popularity)) {
            throw new IllegalArgumentException("item " + id + " popularity is not finite");
        }
    }
}
