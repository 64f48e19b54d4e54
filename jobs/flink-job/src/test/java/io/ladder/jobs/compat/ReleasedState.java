package io.ladder.jobs.compat;

import static io.ladder.jobs.fixtures.JobFixtures.userEvent;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.testing.JobTestSupport;
import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.testing.KafkaBrokerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The scenario behind the committed savepoint of a released job ({@code
 * src/test/resources/savepoints/<release>/}): its topics, users and the events each user had sent
 * when the savepoint was taken. {@link WriteReleasedSavepoint} writes it; {@code
 * ReleasedSavepointRestoreITCase} restores it with the job as it is now.
 */
final class ReleasedState {
    /** The release whose job wrote the committed savepoint (the uids and state it holds). */
    static final String RELEASE = "release-1";

    static final String EVENTS = "compat.events";
    static final String ITEMS = "compat.items";
    static final String DEAD = "compat.dead-letters";
    static final String GROUP = "compat";
    static final int PARALLELISM = 2;
    static final int USERS = 6;

    /** Events each user had sent (click, cart, purchase) when the savepoint was taken. */
    static final int EVENTS_PER_USER = 3;

    private ReleasedState() {}

    static void createTopics(KafkaBrokerExtension kafka) {
        kafka.createTopic(EVENTS, 2);
        kafka.createTopic(ITEMS, 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(DEAD, 1);
    }

    /**
     * The dedup ids in the savepoint carry the wall-clock time they were written at (Flink's state
     * TTL is processing time), and the fixture only ages: with the job's 24 h default every id had
     * expired a day after the savepoint was committed, so the retry of event 2 counted again
     * (sequence 5, not 4) and the test failed from then on. What is checked is that the ids
     * restore, not how long the job keeps them, so the restored job keeps them for a century.
     */
    static final String DEDUP_TTL_LONGER_THAN_THE_FIXTURES_AGE = "36500d";

    static JobConfig config(String bootstrap, String redisAddress) {
        return JobTestSupport.jobConfig(
                bootstrap,
                redisAddress,
                EVENTS,
                ITEMS,
                DEAD,
                GROUP,
                "--kafka.starting-offsets",
                "earliest",
                "--dedup.ttl",
                DEDUP_TTL_LONGER_THAN_THE_FIXTURES_AGE);
    }

    static String user(int u) {
        return "c" + u;
    }

    /** One of the fixture catalogue's items (a0..a9, b0..b9): users 0-2 in A, 3-5 in B. */
    static String item(int u, int i) {
        return (u < 3 ? "a" : "b") + ((u + i) % 10);
    }

    /** Event {@code i} (1-based) of user {@code u}; ids {@code c<u>-<i>}. */
    static UserEvent event(int u, int i) {
        EventType type = i == 3 ? EventType.PURCHASE : i == 2 ? EventType.CART : EventType.CLICK;
        return userEvent(user(u) + "-" + i, user(u), item(u, i), type, i);
    }

    static List<ProducerRecord<byte[], byte[]>> records(List<UserEvent> events) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (UserEvent e : events) {
            out.add(
                    new ProducerRecord<>(
                            EVENTS,
                            JobTestSupport.bytes(e.getUserId()),
                            Codecs.USER_EVENT.encode(e)));
        }
        return out;
    }
}
