package io.ladder.jobs.compat;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.testing.JobTestSupport;
import io.ladder.schemas.UserEvent;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.testing.RedisServerExtension;
import io.ladder.testing.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes the committed savepoint of {@link ReleasedState}: runs the job of this checkout on a local
 * MiniCluster (RocksDB) against a real broker and redis-server, sends every user's events, waits
 * until each list is in Redis, and stops with a canonical savepoint into the given folder. Run it
 * once per release whose state must stay restorable, never to "fix" a failing restore test:
 *
 * <pre>
 * ./mvnw -q -o -pl jobs/flink-job -am test-compile
 * java -cp jobs/flink-job/target/test-classes:jobs/flink-job/target/classes:$(cat \
 *     jobs/flink-job/target/classpath-test.txt) io.ladder.jobs.compat.WriteReleasedSavepoint \
 *     jobs/flink-job/src/test/resources/savepoints/release-1
 * </pre>
 */
public final class WriteReleasedSavepoint {
    private WriteReleasedSavepoint() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        Path scratch = Files.createTempDirectory("released-savepoint-");
        KafkaBrokerExtension kafka = new KafkaBrokerExtension();
        RedisServerExtension redis = RedisServerExtension.create();
        kafka.start();
        redis.start();
        Configuration conf = JobTestSupport.rocksDbCluster(scratch.resolve("checkpoints"));
        try {
            ReleasedState.createTopics(kafka);
            List<ProducerRecord<byte[], byte[]>> catalog =
                    new ArrayList<>(JobTestSupport.catalogRecords(ReleasedState.ITEMS));
            // The last record of the items topic is broken: its dead letter says the catalogue
            // before it is in, so every event meets the item tower.
            catalog.add(
                    new ProducerRecord<>(
                            ReleasedState.ITEMS,
                            JobTestSupport.bytes("broken"),
                            JobTestSupport.bytes("not avro")));
            kafka.produce(catalog);
            JobConfig config = ReleasedState.config(kafka.bootstrapServers(), redis.address());
            JobClient job =
                    JobTestSupport.startJob(
                            StreamExecutionEnvironment.createLocalEnvironment(
                                    ReleasedState.PARALLELISM, conf),
                            config,
                            ReleasedState.PARALLELISM,
                            null,
                            "released-state");
            kafka.awaitRecords(ReleasedState.DEAD, 1, Duration.ofSeconds(60));
            List<UserEvent> events = new ArrayList<>();
            for (int u = 0; u < ReleasedState.USERS; u++) {
                for (int i = 1; i <= ReleasedState.EVENTS_PER_USER; i++) {
                    events.add(ReleasedState.event(u, i));
                }
            }
            kafka.produce(ReleasedState.records(events));
            try (RedisCandidateStore store =
                    RedisCandidateStore.connect(
                            config.redis().connection(), CandidateKeys.withDefaultPrefix())) {
                for (int u = 0; u < ReleasedState.USERS; u++) {
                    JobTestSupport.awaitList(
                            store,
                            ReleasedState.user(u),
                            l -> l.sequence() == ReleasedState.EVENTS_PER_USER);
                }
            }
            Path savepoints = Files.createDirectories(scratch.resolve("savepoints"));
            Path written =
                    Path.of(
                            java.net.URI.create(
                                    job.stopWithSavepoint(
                                                    false,
                                                    savepoints.toUri().toString(),
                                                    SavepointFormatType.CANONICAL)
                                            .get()));
            replace(target, written);
            System.out.println("savepoint written to " + target);
        } finally {
            redis.stop();
            kafka.stop();
        }
    }

    private static void replace(Path target, Path written) throws Exception {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(written)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
