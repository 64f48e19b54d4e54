package io.ladder.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingBatchTest {
    private static PendingList pending(String user, long sequence) {
        return new PendingList(null, user, sequence, new byte[0], new byte[0], 0);
    }

    @Test
    void keepsHighestSequencePerUserInFirstWriteOrder() {
        PendingBatch batch = new PendingBatch(8);
        batch.add(pending("a", 2));
        batch.add(pending("b", 1));
        batch.add(pending("a", 5));
        batch.add(pending("a", 3));

        assertThat(batch.toSend())
                .extracting(p -> p.userId() + "@" + p.sequence())
                .containsExactly("a@5", "b@1");
        assertThat(batch.superseded())
                .extracting(p -> p.userId() + "@" + p.sequence())
                .containsExactlyInAnyOrder("a@2", "a@3");
        assertThat(batch.size()).isEqualTo(4);
    }

    @Test
    void equalSequenceKeepsTheFirst() {
        PendingBatch batch = new PendingBatch(2);
        PendingList first = pending("a", 7);
        batch.add(first);
        batch.add(pending("a", 7));

        assertThat(batch.toSend()).containsExactly(first);
        assertThat(batch.superseded()).hasSize(1);
    }
}
