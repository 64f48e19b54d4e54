package io.ladder.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.schemas.Item;
import io.ladder.schemas.codec.Codecs;
import io.ladder.sink.store.CandidateStore;
import io.ladder.sink.store.StoredCandidates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What the job integration tests share: publishing the fixture tower, waiting for lists. */
public final class JobTestSupport {
    private JobTestSupport() {}

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The fixture's ModelInfo (key {@code __model__/<version>}) and items, in that order. */
    public static List<ProducerRecord<byte[], byte[]>> catalogRecords(String topic) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        records.add(
                new ProducerRecord<>(
                        topic,
                        bytes("__model__/" + JobFixtures.VERSION),
                        Codecs.MODEL_INFO.encode(JobFixtures.modelInfo())));
        for (Item item : JobFixtures.items()) {
            records.add(
                    new ProducerRecord<>(topic, bytes(item.getItemId()), Codecs.ITEM.encode(item)));
        }
        return records;
    }

    /** Polls the store until the user's list satisfies {@code done} (60 s at most). */
    public static StoredCandidates awaitList(
            CandidateStore store, String user, Predicate<StoredCandidates> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Optional<StoredCandidates> list = store.topN(user, 100);
        while (list.isEmpty() || !done.test(list.get())) {
            assertThat(System.nanoTime())
                    .as("list of %s, last seen %s", user, list)
                    .isLessThan(deadline);
            Thread.sleep(100);
            list = store.topN(user, 100);
        }
        return list.get();
    }
}
