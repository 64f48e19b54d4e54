package io.ladder.sink;

import static io.ladder.sink.testing.CandidateListFixtures.list;

import io.ladder.schemas.CandidateList;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.RedisConnectionConfig;
import io.ladder.sink.store.CandidateStore;
import io.ladder.sink.store.CandidateStoreContractTest;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.store.StoredCandidates;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.sink.testing.TestWriterInitContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract with every put going through the sink writer's batch path: each list is sent
 * in the middle of one script call with lists of other users, then read back with {@code GET}.
 */
class RedisSinkCandidateStoreITCase extends CandidateStoreContractTest {
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static final CandidateKeys KEYS = CandidateKeys.withPrefix("sink:cand:");
    private static final String NEIGHBOUR = "neighbour-";

    /** Acks by list identity (the listener must be Serializable, so it cannot hold the store). */
    private static final Map<CandidateList, Boolean> ACKS = new IdentityHashMap<>();

    @Override
    protected CandidateStore createStore(Clock clock) {
        return new WriterBackedStore(clock);
    }

    private static final class WriterBackedStore implements CandidateStore {
        private static final AtomicLong NEIGHBOURS = new AtomicLong();
        private final RedisCandidateWriter writer;
        private final RedisCandidateStore reader;
        private final SplittableRandom random = new SplittableRandom(3);

        WriterBackedStore(Clock clock) {
            RedisConnectionConfig connection = RedisConnectionConfig.standalone(REDIS.address());
            RedisCandidateSink sink =
                    RedisCandidateSink.builder()
                            .setConnection(connection)
                            .setKeyPrefix(KEYS.prefix())
                            .setKeysPerCall(8)
                            .setLinger(Duration.ofMinutes(10))
                            .setAckListener(
                                    (list, stored) -> {
                                        if (!list.getUserId().startsWith(NEIGHBOUR)) {
                                            synchronized (ACKS) {
                                                ACKS.put(list, stored);
                                            }
                                        }
                                    })
                            .build();
            try {
                writer = (RedisCandidateWriter) sink.createWriter(new TestWriterInitContext());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            reader = RedisCandidateStore.connect(connection, KEYS, Duration.ZERO, clock);
        }

        /** One batch: neighbours, the list, neighbours (one call of at most 8 keys). */
        @Override
        public synchronized boolean put(CandidateList list) {
            try {
                for (int i = 0; i < 3; i++) {
                    writer.write(neighbour(), null);
                }
                writer.write(list, null);
                for (int i = 0; i < 3; i++) {
                    writer.write(neighbour(), null);
                }
                writer.flush(false);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            synchronized (ACKS) {
                Boolean stored = ACKS.remove(list);
                if (stored == null) {
                    throw new IllegalStateException("no acknowledgement for " + list.getUserId());
                }
                return stored;
            }
        }

        private CandidateList neighbour() {
            return list(NEIGHBOUR + NEIGHBOURS.incrementAndGet(), random.nextLong(1, 1000), 3);
        }

        @Override
        public Optional<StoredCandidates> topN(String userId, int n) {
            return reader.topN(userId, n);
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            reader.close();
        }
    }
}
