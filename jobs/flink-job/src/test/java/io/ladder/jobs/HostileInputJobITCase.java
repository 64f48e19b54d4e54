package io.ladder.jobs;

import static io.ladder.jobs.fixtures.JobFixtures.userEvent;
import static io.ladder.jobs.testing.JobTestSupport.awaitList;
import static io.ladder.jobs.testing.JobTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.config.KafkaSettings;
import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.testing.FlinkRestMetrics;
import io.ladder.jobs.testing.JobTestSupport;
import io.ladder.schemas.CategoryHeads;
import io.ladder.schemas.DeadLetter;
import io.ladder.schemas.EventType;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.testing.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What any producer can put on the topics, against the running job (MiniCluster with RocksDB, a
 * real broker with its default 1 MB message limit, a real redis-server). Each hostile record is
 * dead-lettered with a reason that names the field or the decode step, the job never restarts, and
 * a valid event sent right after each one is reflected in its user's list. Item ids invented by the
 * thousand are applied as events, but their announcement to every subtask stops at the cap.
 */
class HostileInputJobITCase {
    static final String EVENTS = "hostile.events";
    static final String ITEMS = "hostile.items";
    static final String DEAD = "hostile.dead-letters";
    static final int ANNOUNCE_CAP = 500;
    static final int INVENTED_USERS = 100;
    static final int INVENTED_PER_USER = 200; // 20,000 invented item ids

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            JobTestSupport.rocksDbMiniCluster(
                    2, JobTestSupport.checkpointDir("hostile-it-checkpoints"));

    static JobClient job;
    static RedisCandidateStore store;
    static int probes;

    @BeforeAll
    static void topics() {
        KAFKA.createTopic(EVENTS, 2);
        KAFKA.createTopic(
                ITEMS,
                1,
                Map.of(
                        "cleanup.policy",
                        "compact",
                        "max.message.bytes",
                        Integer.toString(KafkaSettings.ITEMS_MAX_MESSAGE_BYTES)));
        KAFKA.createTopic(DEAD, 1);
        KAFKA.produce(JobTestSupport.catalogRecords(ITEMS));
    }

    @Test
    void nothingAProducerSendsStopsTheJobAndEveryHostileRecordGetsADeadLetterWithAReason()
            throws Exception {
        JobConfig config =
                JobTestSupport.jobConfig(
                        KAFKA.bootstrapServers(),
                        REDIS.address(),
                        EVENTS,
                        ITEMS,
                        DEAD,
                        "hostile-it",
                        "--events.idleness",
                        "200ms",
                        "--catalog.announce.max-items",
                        Integer.toString(ANNOUNCE_CAP));
        job = JobTestSupport.startJob(config, 2, null, "hostile-it");
        FlinkRestMetrics metrics = new FlinkRestMetrics(FLINK.getClientConfiguration());
        try (RedisCandidateStore redis =
                RedisCandidateStore.connect(
                        config.redis().connection(), CandidateKeys.withDefaultPrefix())) {
            store = redis;
            probe(); // the job runs and serves

            // Events topic: a valid header whose first string claims 1,000,000,000 bytes.
            KAFKA.produce(EVENTS, bytes("evil"), hugeLengthPrefix());
            probe();
            // Events topic: junk just under the broker's 1 MB message limit.
            byte[] junk = new byte[1_000_000];
            new Random(7).nextBytes(junk);
            KAFKA.produce(EVENTS, bytes("junk"), junk);
            probe();
            // Items topic: a tower with more levels than the model separates, NaN cutpoints, an
            // item whose vector would top every list.
            KAFKA.produce(ITEMS, bytes("__model__/evil-4"), Codecs.MODEL_INFO.encode(fourLevels()));
            KAFKA.produce(
                    ITEMS, bytes("__model__/evil-nan"), Codecs.MODEL_INFO.encode(nanCutpoints()));
            KAFKA.produce(ITEMS, bytes("evil-item"), Codecs.ITEM.encode(hugeNorm()));
            probe();
            // 20,000 invented item ids, as valid events of 100 users.
            List<ProducerRecord<byte[], byte[]>> invented = new ArrayList<>();
            for (int u = 0; u < INVENTED_USERS; u++) {
                for (int i = 0; i < INVENTED_PER_USER; i++) {
                    UserEvent e =
                            userEvent(
                                    "inv" + u + "-" + i,
                                    "inv" + u,
                                    "made-up-" + u + "-" + i,
                                    EventType.CLICK,
                                    i);
                    invented.add(
                            new ProducerRecord<>(
                                    EVENTS, bytes(e.getUserId()), Codecs.USER_EVENT.encode(e)));
                }
            }
            KAFKA.produce(invented);
            for (int u = 0; u < INVENTED_USERS; u++) {
                // Applied as events: every one of them counts in the user's sequence.
                awaitList(store, "inv" + u, l -> l.sequence() == INVENTED_PER_USER);
            }
            probe();
            // A real, newer tower over 1 MB (thousands of category heads) is applied.
            publishLarge(bigTower());
            // The items topic and the events are separate streams: probe until a list shows it.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!probe().modelVersion().equals("big-v2")) {
                assertThat(System.nanoTime()).as("a list under big-v2").isLessThan(deadline);
                Thread.sleep(200);
            }

            long refusedAtLeast = (long) INVENTED_USERS * INVENTED_PER_USER - 2L * ANNOUNCE_CAP;
            long announced =
                    metrics.awaitOperatorSum(
                            job.getJobID(),
                            "announce items",
                            "announce_items_first_seen_in_events.announcedItemsLive",
                            v -> v >= 1,
                            Duration.ofSeconds(30));
            long refused =
                    metrics.awaitOperatorSum(
                            job.getJobID(),
                            "announce items",
                            "announce_items_first_seen_in_events.announcementsRefused",
                            v -> v >= refusedAtLeast,
                            Duration.ofSeconds(30));
            assertThat(announced)
                    .as("announced items live, cap %d per subtask", ANNOUNCE_CAP)
                    .isBetween(1L, 2L * ANNOUNCE_CAP);
            assertThat(refused)
                    .as("announcements refused past the cap")
                    .isGreaterThanOrEqualTo(refusedAtLeast);

            List<DeadLetter> dead =
                    KAFKA.awaitRecords(DEAD, 5, Duration.ofSeconds(60)).stream()
                            .map(ConsumerRecord::value)
                            .map(Codecs.DEAD_LETTER::decode)
                            .toList();
            assertThat(dead).hasSize(5);
            assertThat(dead)
                    .anySatisfy(
                            d -> {
                                assertThat(d.getSourceTopic()).isEqualTo(EVENTS);
                                assertThat(d.getStage()).isEqualTo("decode");
                                assertThat(d.getReason())
                                        .contains("event_id")
                                        .contains("1000000000");
                            });
            assertThat(dead)
                    .anySatisfy(
                            d -> {
                                assertThat(d.getSourceTopic()).isEqualTo(EVENTS);
                                assertThat(d.getOriginalLength()).isEqualTo(junk.length);
                                assertThat(d.getOriginalTruncated()).isTrue();
                                assertThat(d.getOriginal().remaining())
                                        .isLessThan(junk.length / 10);
                                assertThat(d.getReason())
                                        .contains("not an Avro single-object message");
                            });
            assertThat(dead)
                    .anySatisfy(
                            d -> assertThat(d.getReason()).contains("levels: 4 is outside 1..3"));
            assertThat(dead)
                    .anySatisfy(d -> assertThat(d.getReason()).contains("cutpoints[1]: NaN"));
            assertThat(dead)
                    .anySatisfy(
                            d -> {
                                assertThat(d.getSourceTopic()).isEqualTo(ITEMS);
                                assertThat(d.getReason()).startsWith("embedding: head 0 has norm");
                            });
            assertThat(metrics.restarts(job.getJobID())).as("job restarts").isZero();
        } finally {
            job.cancel().get();
        }
    }

    /** Sends a valid event of a new user and waits for their list: the job is up and serving. */
    static io.ladder.sink.store.StoredCandidates probe() throws InterruptedException {
        String user = "probe" + probes++;
        UserEvent e = userEvent(user + "-1", user, "a1", EventType.CLICK, 0);
        KAFKA.produce(EVENTS, bytes(user), Codecs.USER_EVENT.encode(e));
        return awaitList(store, user, l -> l.sequence() == 1);
    }

    static byte[] hugeLengthPrefix() {
        byte[] header =
                Arrays.copyOf(
                        Codecs.USER_EVENT.encode(userEvent("x", "x", "x", EventType.CLICK, 0)), 10);
        // zig-zag varint of 1,000,000,000 (event_id's length): 2,000,000,000 in base 128
        byte[] length = {(byte) 0x80, (byte) 0xA8, (byte) 0xD6, (byte) 0xB9, 0x07};
        byte[] out = Arrays.copyOf(header, 15);
        System.arraycopy(length, 0, out, 10, 5);
        return out;
    }

    static ModelInfo fourLevels() {
        return ModelInfo.newBuilder(JobFixtures.modelInfo())
                .setModelVersion("evil-4")
                .setLevels(4)
                .setCutpoints(List.of(0.5f, 2.5f, 3.5f, 4f))
                .setBaseRates(List.of(0.38f, 0.08f, 0.03f, 0.01f))
                .setCategoryHeads(List.of())
                .setCreatedTime(JobFixtures.T0.plusSeconds(3600))
                .build();
    }

    static ModelInfo nanCutpoints() {
        return ModelInfo.newBuilder(JobFixtures.modelInfo())
                .setModelVersion("evil-nan")
                .setCutpoints(List.of(0.5f, Float.NaN, 3.5f))
                .setCreatedTime(JobFixtures.T0.plusSeconds(3600))
                .build();
    }

    static Item hugeNorm() {
        Item item = JobFixtures.items().get(0);
        return Item.newBuilder(item)
                .setItemId("evil-item")
                .setEmbedding(item.getEmbedding().stream().map(x -> x * 1e6f).toList())
                .build();
    }

    /** A newer tower with 25,000 categories: about 1.3 MB encoded. */
    static ModelInfo bigTower() {
        List<CategoryHeads> heads = new ArrayList<>(JobFixtures.modelInfo().getCategoryHeads());
        List<Float> unit = new ArrayList<>();
        for (float x : JobFixtures.categoryVector(2)) {
            unit.add(x);
        }
        for (int c = 0; c < 25_000; c++) {
            heads.add(new CategoryHeads("cat-" + c, unit));
        }
        return ModelInfo.newBuilder(JobFixtures.modelInfo())
                .setModelVersion("big-v2")
                .setCategoryHeads(heads)
                .setCreatedTime(JobFixtures.T0.plusSeconds(7200))
                .build();
    }

    static void publishLarge(ModelInfo info) throws Exception {
        byte[] value = Codecs.MODEL_INFO.encode(info);
        assertThat(value.length).as("larger than Kafka's 1 MB default").isGreaterThan(1_100_000);
        Properties props = KAFKA.producerProperties();
        props.put(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(KafkaSettings.ITEMS_MAX_MESSAGE_BYTES));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(ITEMS, bytes("__model__/big-v2"), value)).get();
        }
    }
}
