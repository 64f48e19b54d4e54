package io.ladder.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.RecommendationJob;
import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.fixtures.JobFixtures;
import io.ladder.jobs.pipeline.KafkaEndpoints;
import io.ladder.jobs.pipeline.RedisSinks;
import io.ladder.schemas.Item;
import io.ladder.schemas.codec.Codecs;
import io.ladder.sink.store.CandidateStore;
import io.ladder.sink.store.StoredCandidates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What the job integration tests share: publishing the fixture tower, waiting for lists. */
public final class JobTestSupport {
    /** Max parallelism of the test jobs (key groups), so tests can compute a key's subtask. */
    public static final int MAX_PARALLELISM = 128;

    private JobTestSupport() {}

    /**
     * The job options every integration test starts from: its topics and group, the test broker and
     * Redis, quick idleness, lists on every event, a short Redis linger. {@code extra} options
     * follow, so they override (the last occurrence of an option wins).
     */
    public static JobConfig jobConfig(
            String bootstrapServers,
            String redisAddress,
            String eventsTopic,
            String itemsTopic,
            String deadLetterTopic,
            String groupId,
            String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka.bootstrap-servers", bootstrapServers,
                                "--kafka.events-topic", eventsTopic,
                                "--kafka.items-topic", itemsTopic,
                                "--kafka.dead-letter-topic", deadLetterTopic,
                                "--kafka.group-id", groupId,
                                "--events.idleness", "500ms",
                                "--list.min-interval", "1ms",
                                "--redis.address", redisAddress,
                                "--redis.linger", "5ms",
                                "--redis.ttl", "1h"));
        args.addAll(List.of(extra));
        return JobConfig.parse(args.toArray(String[]::new));
    }

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

    /** A directory for one test class's checkpoints and savepoints, under the JVM's temp dir. */
    public static Path checkpointDir(String name) {
        return Path.of(System.getProperty("java.io.tmpdir"), name);
    }

    /**
     * The integration tests' cluster: one TaskManager with {@code slots} slots and the production
     * state backend, checkpointing under {@code checkpoints}.
     */
    public static MiniClusterExtension rocksDbMiniCluster(int slots, Path checkpoints) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(slots)
                        .setConfiguration(rocksDbCluster(checkpoints))
                        .build());
    }

    /** A MiniCluster configuration with the production state backend: RocksDB, incremental. */
    public static Configuration rocksDbCluster(Path checkpoints) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        return conf;
    }

    /**
     * Starts the job with Kafka sources and sinks and the Redis sink from {@code config}, on the
     * test's MiniCluster, checkpointing every 500 ms; restores from {@code savepoint} when given
     * (every operator's state must find its operator).
     */
    public static JobClient startJob(
            JobConfig config, int parallelism, String savepoint, String name) throws Exception {
        return startJob(
                StreamExecutionEnvironment.getExecutionEnvironment(),
                config,
                parallelism,
                savepoint,
                name);
    }

    /** As above, on {@code env} (a local environment outside a JUnit MiniCluster, say). */
    public static JobClient startJob(
            StreamExecutionEnvironment env,
            JobConfig config,
            int parallelism,
            String savepoint,
            String name)
            throws Exception {
        env.setParallelism(parallelism);
        env.setMaxParallelism(MAX_PARALLELISM);
        env.enableCheckpointing(500);
        new RecommendationJob(
                        config,
                        KafkaEndpoints.eventsSource(config.kafka()),
                        KafkaEndpoints.catalogSource(config.kafka()),
                        RedisSinks.toSink(config.redis()),
                        KafkaEndpoints.deadLetterSink(config.kafka()))
                .build(env);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        }
        return env.executeAsync(graph);
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
