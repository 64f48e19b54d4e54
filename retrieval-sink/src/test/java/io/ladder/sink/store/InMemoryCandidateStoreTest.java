package io.ladder.sink.store;

import java.time.Clock;

class InMemoryCandidateStoreTest extends CandidateStoreContractTest {
    @Override
    protected CandidateStore createStore(Clock clock) {
        return new InMemoryCandidateStore(clock);
    }
}
