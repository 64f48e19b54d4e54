package io.ladder.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.train.TopicWindow;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The scheduled retraining as deployed ({@code deploy/k8s/retrain-cronjob.yaml} and the tools
 * image, {@code deploy/tools.Dockerfile}; no cluster here): the CronJob's arguments are options
 * {@link RetrainOptions#parse} accepts, its window fits in the events topic's retention, two runs
 * never overlap, the towers it keeps for rollbacks go to a volume, and the image carries the tools
 * jar, not the job's.
 */
class RetrainCronJobTest {
    static final Path DEPLOY = Path.of("..", "..", "deploy").toAbsolutePath().normalize();

    static Map<String, Object> cronJob;
    static Map<String, Object> container;
    static RetrainOptions options;

    @BeforeAll
    static void load() throws IOException {
        cronJob = only(kind("CronJob"));
        Map<String, Object> pod =
                map(
                        map(map(map(map(cronJob.get("spec")).get("jobTemplate")).get("spec"))
                                        .get("template"))
                                .get("spec"));
        List<?> containers = (List<?>) pod.get("containers");
        assertThat(containers).hasSize(1);
        container = map(containers.get(0));
        List<String> args = new ArrayList<>();
        for (Object a : (List<?>) container.get("args")) {
            args.add(a.toString());
        }
        options = RetrainOptions.parse(args.toArray(String[]::new));
    }

    @Test
    void eachPodRunsOnceAndRunsNeverOverlap() {
        Map<String, Object> spec = map(cronJob.get("spec"));
        assertThat(options.once())
                .as("the schedule is the CronJob's, not a loop in the pod")
                .isTrue();
        // two runs at once would both warm-start from the same version and race to publish
        assertThat(spec.get("concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(options.republish()).isNull();
        assertThat(options.cold()).as("retrains warm-start").isFalse();
        assertThat(options.eventsTopic()).isEqualTo(TopicWindow.DEFAULT_EVENTS_TOPIC);
    }

    @Test
    void theWindowFitsInTheEventsTopicsRetention() throws IOException {
        Map<String, Object> events = null;
        for (Map<String, Object> topic : kind("KafkaTopic")) {
            if (options.eventsTopic().equals(map(topic.get("spec")).get("topicName"))) {
                events = map(topic.get("spec"));
            }
        }
        assertThat(events).as("a KafkaTopic for " + options.eventsTopic()).isNotNull();
        Duration retention =
                Duration.ofMillis(
                        Long.parseLong(map(events.get("config")).get("retention.ms").toString()));
        // A run seeks to its window's start minus the margin, by record timestamp, and may take
        // up to the job's deadline: the oldest record it needs is that old when it reads it.
        Duration deadline =
                Duration.ofSeconds(
                        ((Number)
                                        map(map(map(cronJob.get("spec")).get("jobTemplate"))
                                                        .get("spec"))
                                                .get("activeDeadlineSeconds"))
                                .longValue());
        assertThat(options.window().plus(options.seekMargin()).plus(deadline))
                .isLessThanOrEqualTo(retention);
    }

    @Test
    void theTowersKeptForRollbackGoToAVolume() {
        List<?> mounts = (List<?>) container.get("volumeMounts");
        assertThat(mounts)
                .as("--out %s is a mounted volume, not the pod's disk", options.out())
                .anySatisfy(
                        m ->
                                assertThat(options.out().toString())
                                        .startsWith(map(m).get("mountPath").toString()));
    }

    @Test
    void theImageCarriesTheToolsJarAndStartsTheRetrainCommand() throws IOException {
        String dockerfile = Files.readString(DEPLOY.resolve("tools.Dockerfile"));
        assertThat(dockerfile)
                .contains("COPY jobs/tools/target/tools-")
                .doesNotContain("flink-job")
                .contains(RetrainCommand.class.getName());
        assertThat(container.get("image").toString()).contains("/tools:");
        String javaOpts = null;
        for (Object e : (List<?>) container.get("env")) {
            if ("JAVA_OPTS".equals(map(e).get("name"))) {
                javaOpts = map(e).get("value").toString();
            }
        }
        assertThat(javaOpts).as("JAVA_OPTS sets the heap").matches(".*-Xmx(\\d+)g.*");
        int heapGb = Integer.parseInt(javaOpts.replaceAll(".*-Xmx(\\d+)g.*", "$1"));
        String limit = map(map(container.get("resources")).get("limits")).get("memory").toString();
        assertThat(limit).endsWith("Gi");
        assertThat(heapGb)
                .as("the heap leaves room for the JVM under the pod's memory limit")
                .isLessThan(Integer.parseInt(limit.replace("Gi", "")));
    }

    static List<Map<String, Object>> kind(String kind) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (var files = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    for (Object doc : new Yaml(new LoaderOptions()).loadAll(reader)) {
                        if (doc != null && kind.equals(map(doc).get("kind"))) {
                            out.add(map(doc));
                        }
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

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }
}
