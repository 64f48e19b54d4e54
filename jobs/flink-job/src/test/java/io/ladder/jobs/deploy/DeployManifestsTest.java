package io.ladder.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.config.KafkaSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests under {@code deploy/k8s} (no cluster here): every file parses, the
 * FlinkDeployment agrees with {@code deploy/flink/config.yaml} on the settings that must not drift,
 * its arguments are options {@link JobConfig#parse} accepts, and the topic resources match the
 * job's topic options.
 */
class DeployManifestsTest {
    static final Path DEPLOY = Path.of("..", "..", "deploy").toAbsolutePath().normalize();
    static final Path K8S = DEPLOY.resolve("k8s");

    /** Settings of config.yaml the FlinkDeployment must repeat with the same value. */
    static final Set<String> MUST_AGREE =
            Set.of(
                    "state.backend.type",
                    "execution.checkpointing.incremental",
                    "execution.checkpointing.interval",
                    "execution.checkpointing.mode",
                    "execution.checkpointing.timeout",
                    "execution.checkpointing.min-pause",
                    "execution.checkpointing.num-retained",
                    "execution.checkpointing.externalized-checkpoint-retention",
                    "execution.checkpointing.unaligned.enabled",
                    "execution.checkpointing.aligned-checkpoint-timeout",
                    "execution.checkpointing.tolerable-failed-checkpoints",
                    "restart-strategy.type",
                    "restart-strategy.exponential-delay.initial-backoff",
                    "restart-strategy.exponential-delay.max-backoff",
                    "restart-strategy.exponential-delay.backoff-multiplier",
                    "restart-strategy.exponential-delay.reset-backoff-threshold",
                    "restart-strategy.exponential-delay.jitter-factor",
                    "pipeline.max-parallelism",
                    "execution.buffer-timeout.interval",
                    "state.backend.rocksdb.metrics.estimate-num-keys",
                    "metrics.reporter.prom.factory.class",
                    "taskmanager.numberOfTaskSlots");

    static Map<String, Object> flinkConfig;
    static Map<String, Object> deployment;
    static List<Map<String, Object>> topics;

    @BeforeAll
    static void load() throws IOException {
        flinkConfig = load(DEPLOY.resolve("flink/config.yaml")).get(0);
        deployment = only(kind("FlinkDeployment"));
        topics = kind("KafkaTopic");
    }

    @Test
    void everyManifestParsesAndHasAKind() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(K8S)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        for (Path file : files) {
            List<Map<String, Object>> docs = load(file);
            assertThat(docs).as(file.toString()).isNotEmpty();
            for (Map<String, Object> doc : docs) {
                assertThat(doc).as(file.toString()).containsKeys("apiVersion", "kind");
            }
        }
    }

    @Test
    void flinkDeploymentAgreesWithTheClusterConfiguration() {
        assertThat(deployment.get("apiVersion")).isEqualTo("flink.apache.org/v1beta1");
        Map<String, Object> conf = map(spec(deployment).get("flinkConfiguration"));
        for (String key : MUST_AGREE) {
            assertThat(str(conf.get(key)))
                    .as("%s in the FlinkDeployment vs deploy/flink/config.yaml", key)
                    .isNotNull()
                    .isEqualTo(str(flinkConfig.get(key)));
        }
        assertThat(str(conf.get("state.backend.type"))).isEqualTo("rocksdb");
        assertThat(str(conf.get("execution.checkpointing.incremental"))).isEqualTo("true");
        // Durable, shared storage for state; never a pod's local disk.
        for (String key :
                List.of(
                        "execution.checkpointing.dir",
                        "execution.checkpointing.savepoint-dir",
                        "high-availability.storageDir")) {
            assertThat(str(conf.get(key))).as(key).startsWith("s3://");
        }
    }

    @Test
    void jobRunsTheShadedJarWithSavepointUpgrades() {
        Map<String, Object> job = map(spec(deployment).get("job"));
        assertThat(job.get("entryClass")).isEqualTo("io.ladder.jobs.RecommendationJob");
        assertThat(str(job.get("jarURI"))).endsWith(".jar");
        assertThat(job.get("upgradeMode")).isEqualTo("savepoint");
        int parallelism = (Integer) job.get("parallelism");
        int slots =
                Integer.parseInt(
                        str(
                                map(spec(deployment).get("flinkConfiguration"))
                                        .get("taskmanager.numberOfTaskSlots")));
        assertThat(parallelism).isPositive();
        assertThat(parallelism)
                .isLessThanOrEqualTo(
                        Integer.parseInt(str(flinkConfig.get("pipeline.max-parallelism"))));
        assertThat(slots).isPositive();
        for (String part : List.of("jobManager", "taskManager")) {
            Map<String, Object> resource = map(map(spec(deployment).get(part)).get("resource"));
            assertThat(resource).as(part).containsKeys("memory", "cpu");
        }
    }

    @Test
    void everyArgumentIsAJobOptionAndTopicsMatchTheTopicResources(@TempDir Path tmp)
            throws IOException {
        List<String> args = jobArgs(tmp);
        JobConfig config = JobConfig.parse(args.toArray(String[]::new));
        config.redis().connection(); // every redis.* option is known and valid

        KafkaSettings kafka = config.kafka();
        assertThat(kafka.eventsTopic()).isEqualTo(KafkaSettings.DEFAULT_EVENTS_TOPIC);
        assertThat(kafka.itemsTopic()).isEqualTo(KafkaSettings.DEFAULT_ITEMS_TOPIC);
        assertThat(kafka.deadLetterTopic()).isEqualTo(KafkaSettings.DEFAULT_DEAD_LETTER_TOPIC);
        Map<String, Map<String, Object>> byName = new java.util.TreeMap<>();
        for (Map<String, Object> topic : topics) {
            byName.put(str(spec(topic).get("topicName")), spec(topic));
        }
        assertThat(byName)
                .containsOnlyKeys(kafka.eventsTopic(), kafka.itemsTopic(), kafka.deadLetterTopic());

        Map<String, Object> events = byName.get(kafka.eventsTopic());
        assertThat(str(map(events.get("config")).get("cleanup.policy"))).isEqualTo("delete");
        assertThat(str(map(events.get("config")).get("message.timestamp.type")))
                .as("freshness is measured from the broker's append time")
                .isEqualTo("LogAppendTime");
        assertThat((Integer) events.get("partitions"))
                .as("every source subtask gets a partition")
                .isGreaterThanOrEqualTo(
                        (Integer) map(spec(deployment).get("job")).get("parallelism"));
        assertThat(str(map(byName.get(kafka.itemsTopic()).get("config")).get("cleanup.policy")))
                .isEqualTo("compact");
        assertThat(str(map(byName.get(kafka.itemsTopic()).get("config")).get("max.message.bytes")))
                .as("a ModelInfo with thousands of category heads fits, here and in scripts/stack")
                .isEqualTo(Integer.toString(KafkaSettings.ITEMS_MAX_MESSAGE_BYTES))
                .isEqualTo(localStackItemsMaxMessageBytes());
        assertThat(str(map(byName.get(kafka.deadLetterTopic()).get("config")).get("retention.ms")))
                .as("dead-letter retention, as scripts/stack creates the topic")
                .isEqualTo(localStackDeadLetterRetention());
        for (Map<String, Object> topic : topics) {
            assertThat(map(map(topic.get("metadata")).get("labels")))
                    .containsKey("strimzi.io/cluster");
        }
    }

    @Test
    void redisNeedsNoPersistenceAndEvictsUnderMemoryPressure() throws IOException {
        Map<String, Object> configMap = only(kind("ConfigMap"));
        String conf = str(map(configMap.get("data")).get("redis.conf"));
        assertThat(conf).contains("save \"\"").contains("appendonly no");
        assertThat(conf).containsPattern("(?m)^maxmemory \\d+[kmg]b$");
        assertThat(conf).containsPattern("(?m)^maxmemory-policy (allkeys|volatile)-lru$");
    }

    /** The FlinkDeployment's args, with files it names replaced by readable stand-ins. */
    static List<String> jobArgs(Path tmp) throws IOException {
        List<String> args = new ArrayList<>();
        List<?> raw = (List<?>) map(spec(deployment).get("job")).get("args");
        for (int i = 0; i < raw.size(); i++) {
            String arg = str(raw.get(i));
            args.add(arg);
            if (arg.equals("--kafka.properties-file") || arg.equals("--config")) {
                // a Secret mounted in the pod; here an empty properties file stands in
                Path stand = Files.writeString(tmp.resolve("file" + i + ".properties"), "");
                args.add(stand.toString());
                i++;
            }
        }
        return args;
    }

    static String localStackDeadLetterRetention() throws IOException {
        String stack = Files.readString(DEPLOY.resolveSibling("scripts").resolve("stack"));
        Matcher m =
                Pattern.compile("LADDER_DEAD_LETTERS_TOPIC:\\d+:retention\\.ms=(\\d+)")
                        .matcher(stack);
        assertThat(m.find()).as("dead-letter topic creation in scripts/stack").isTrue();
        return m.group(1);
    }

    static String localStackItemsMaxMessageBytes() throws IOException {
        String stack = Files.readString(DEPLOY.resolveSibling("scripts").resolve("stack"));
        Matcher m =
                Pattern.compile("LADDER_ITEMS_TOPIC:[^\"]*max\\.message\\.bytes=(\\d+)")
                        .matcher(stack);
        assertThat(m.find()).as("items topic creation in scripts/stack").isTrue();
        return m.group(1);
    }

    static List<Map<String, Object>> kind(String kind) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(K8S)) {
            for (Path file : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Map<String, Object> doc : load(file)) {
                    if (kind.equals(doc.get("kind"))) {
                        out.add(doc);
                    }
                }
            }
        }
        return out;
    }

    static Map<String, Object> only(List<Map<String, Object>> docs) {
        assertThat(docs).hasSize(1);
        return docs.get(0);
    }

    static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml(new LoaderOptions()).loadAll(reader)) {
                if (doc != null) {
                    docs.add(map(doc));
                }
            }
        }
        return docs;
    }

    static Map<String, Object> spec(Map<String, Object> doc) {
        return map(doc.get("spec"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    /** YAML scalars as Flink reads them: 10 s, true, 2.0 and "2.0" are the same setting. */
    static String str(Object o) {
        return o == null ? null : o.toString().trim();
    }
}
