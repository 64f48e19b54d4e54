package io.ladder.sink.store;

import static io.ladder.sink.testing.CandidateListFixtures.AS_OF;
import static io.ladder.sink.testing.CandidateListFixtures.GENERATED;
import static io.ladder.sink.testing.CandidateListFixtures.MODEL_VERSION;
import static io.ladder.sink.testing.CandidateListFixtures.firstItem;
import static io.ladder.sink.testing.CandidateListFixtures.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CandidateStore} must do; subclasses say how to make one. */
public abstract class CandidateStoreContractTest {
    /** The store's clock: 1.5 s after the fixtures' generated time. */
    protected static final Clock CLOCK = Clock.fixed(GENERATED.plusMillis(1_500), ZoneOffset.UTC);

    private static final AtomicInteger USERS = new AtomicInteger();

    protected CandidateStore store;

    /** A new, empty-for-these-users store reading time from {@code clock}. */
    protected abstract CandidateStore createStore(Clock clock);

    @BeforeEach
    void openStore() {
        store = createStore(CLOCK);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** A user id no other test touched (stores may be shared between tests). */
    protected static String newUser() {
        return "user-" + USERS.incrementAndGet() + "-" + System.nanoTime();
    }

    @Test
    void missingUserIsEmpty() {
        assertThat(store.topN(newUser(), 10)).isEmpty();
    }

    @Test
    void returnsTopNInRankOrder() {
        String user = newUser();
        CandidateList list = list(user, 3, 30);
        assertThat(store.put(list)).isTrue();

        StoredCandidates got = store.topN(user, 5).orElseThrow();

        assertThat(got.candidates()).containsExactlyElementsOf(list.getCandidates().subList(0, 5));
        assertThat(got.totalCandidates()).isEqualTo(30);
        assertThat(got.userId()).isEqualTo(user);
    }

    @Test
    void nAboveListSizeReturnsWholeList() {
        String user = newUser();
        store.put(list(user, 1, 7));

        assertThat(store.topN(user, 100).orElseThrow().candidates()).hasSize(7);
    }

    @Test
    void nBelowOneIsRejected() {
        assertThatThrownBy(() -> store.topN(newUser(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must be >= 1");
    }

    @Test
    void carriesFreshnessMetadata() {
        String user = newUser();
        store.put(list(user, 42));

        StoredCandidates got = store.topN(user, 3).orElseThrow();

        assertThat(got.modelVersion()).isEqualTo(MODEL_VERSION);
        assertThat(got.generatedTime()).isEqualTo(GENERATED.plusMillis(42));
        assertThat(got.asOf()).isEqualTo(AS_OF.plusMillis(42));
        assertThat(got.sequence()).isEqualTo(42);
        assertThat(got.age()).isEqualTo(Duration.ofMillis(1_500 - 42));
    }

    @Test
    void higherSequenceReplacesList() {
        String user = newUser();
        assertThat(store.put(list(user, 5))).isTrue();
        assertThat(store.put(list(user, 6))).isTrue();

        StoredCandidates got = store.topN(user, 1).orElseThrow();
        assertThat(got.sequence()).isEqualTo(6);
        assertThat(got.candidates().get(0).getItemId()).isEqualTo(firstItem(user, 6));
    }

    @Test
    void outOfOrderListsKeepHighestSequence() {
        String user = newUser();
        assertThat(store.put(list(user, 7))).isTrue();
        assertThat(store.put(list(user, 3))).isFalse();
        assertThat(store.put(list(user, 6))).isFalse();

        StoredCandidates got = store.topN(user, 1).orElseThrow();
        assertThat(got.sequence()).isEqualTo(7);
        assertThat(got.candidates().get(0).getItemId()).isEqualTo(firstItem(user, 7));
    }

    @Test
    void equalSequenceDoesNotReplace() {
        String user = newUser();
        CandidateList first = list(user, 9);
        store.put(first);
        CandidateList replay = list(user, 9);
        replay.getCandidates()
                .set(
                        0,
                        Candidate.newBuilder(replay.getCandidates().get(0))
                                .setItemId("9999999")
                                .build());

        assertThat(store.put(replay)).isFalse();
        assertThat(store.topN(user, 1).orElseThrow().candidates().get(0).getItemId())
                .isEqualTo(firstItem(user, 9));
    }

    @Test
    void sequencesAboveOneByteAndIntRangeCompareNumerically() {
        String user = newUser();
        store.put(list(user, 256));
        assertThat(store.put(list(user, 255))).isFalse();
        assertThat(store.put(list(user, 4_294_967_296L))).isTrue();
        assertThat(store.put(list(user, 4_294_967_295L))).isFalse();

        assertThat(store.topN(user, 1).orElseThrow().sequence()).isEqualTo(4_294_967_296L);
    }

    @Test
    void usersAreIndependent() {
        String a = newUser();
        String b = newUser();
        store.put(list(a, 10));
        store.put(list(b, 1));

        assertThat(store.topN(a, 1).orElseThrow().sequence()).isEqualTo(10);
        assertThat(store.topN(b, 1).orElseThrow().sequence()).isEqualTo(1);
    }

    @Test
    void laterChangesToAPutListAreNotSeen() {
        String user = newUser();
        CandidateList list = list(user, 2);
        store.put(list);
        list.getCandidates().clear();

        assertThat(store.topN(user, 10).orElseThrow().candidates()).hasSize(10);
    }

    @Test
    void concurrentOutOfOrderPutsKeepHighestSequence() throws Exception {
        String user = newUser();
        List<Long> sequences = new ArrayList<>();
        for (long s = 1; s <= 200; s++) {
            sequences.add(s);
        }
        java.util.Collections.shuffle(sequences, new java.util.Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (long s : sequences) {
                futures.add(pool.submit(() -> store.put(list(user, s, 3))));
            }
            for (Future<Boolean> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        StoredCandidates got = store.topN(user, 1).orElseThrow();
        assertThat(got.sequence()).isEqualTo(200);
        assertThat(got.candidates().get(0).getItemId()).isEqualTo(firstItem(user, 200));
    }
}
