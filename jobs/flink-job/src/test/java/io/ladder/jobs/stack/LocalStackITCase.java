package io.ladder.jobs.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.csv.EventCsvReader;
import io.ladder.jobs.testing.SmokeJob;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import io.ladder.testing.KafkaTopics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The local stack as a newcomer uses it: {@code scripts/stack up} (real Kafka, Redis and Flink
 * processes on free ports, run folder under target/), {@code status}, {@code load-events}, reading
 * the topic back (directly and with {@code read-events}), {@code flink-submit}, and {@code down}
 * leaving no process behind. The tests run in order on one stack; set {@code
 * -Dladder.stack.it.skip=true} to skip them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackITCase {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(150);

    private final Path root = repositoryRoot();
    private final Path work = Path.of("target", "local-stack-it").toAbsolutePath();
    private final Path runDir = work.resolve("run");
    private final Map<String, String> env = new HashMap<>();
    private int kafkaPort;
    private int redisPort;
    private int restPort;

    @BeforeAll
    void freshRunFolder() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                Boolean.getBoolean("ladder.stack.it.skip"), "ladder.stack.it.skip is set");
        env.put("LADDER_RUN_DIR", runDir.toString());
        if (Files.exists(runDir)) {
            run("scripts/stack", "down"); // a previous run that died half-way
            deleteRecursively(work);
        }
        Files.createDirectories(work);
        kafkaPort = freePort();
        redisPort = freePort();
        restPort = freePort();
        env.put("KAFKA_PORT", String.valueOf(kafkaPort));
        env.put("KAFKA_CONTROLLER_PORT", String.valueOf(freePort()));
        env.put("REDIS_PORT", String.valueOf(redisPort));
        env.put("FLINK_REST_PORT", String.valueOf(restPort));
        env.put("FLINK_RPC_PORT", String.valueOf(freePort()));
        env.put("FLINK_PROM_PORT", String.valueOf(freePort()));
        // verify built the job jar before the integration tests; never build from a test
        env.put("LADDER_NO_BUILD", "1");
        // every JVM of the test (daemons, CLIs, Maven) with the client compiler only: half the
        // start-up CPU, and throughput does not matter here (CI has 2 cores)
        env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
    }

    @AfterAll
    void downInAnyCase() throws Exception {
        if (Files.exists(runDir)) {
            run("scripts/stack", "down");
        }
    }

    @Test
    @Order(1)
    void upStartsKafkaRedisAndFlinkAndStatusSaysSo() throws Exception {
        long start = System.nanoTime();
        Result up = run("scripts/stack", "up");
        System.out.printf("stack up took %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(up.exitCode()).as(up.output()).isZero();

        Result status = run("scripts/stack", "status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output())
                .contains("kafka    up    127.0.0.1:" + kafkaPort)
                .contains("redis    up    127.0.0.1:" + redisPort)
                .contains("flink    up    jobmanager")
                .contains("flink    up    taskmanager")
                .contains("web UI http://localhost:" + restPort + " (1 TaskManager(s), 2 slots");

        String overview = http("/overview");
        assertThat(overview).contains("\"taskmanagers\":1").contains("\"slots-total\":2");

        try (Admin admin = admin()) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).contains("ladder.events", "ladder.items", "ladder.dead-letters");
            assertThat(
                            admin.describeTopics(List.of("ladder.events"))
                                    .allTopicNames()
                                    .get(30, TimeUnit.SECONDS)
                                    .get("ladder.events")
                                    .partitions())
                    .hasSize(4);
            ConfigResource items = new ConfigResource(ConfigResource.Type.TOPIC, "ladder.items");
            assertThat(
                            admin.describeConfigs(List.of(items))
                                    .all()
                                    .get(30, TimeUnit.SECONDS)
                                    .get(items)
                                    .get("cleanup.policy")
                                    .value())
                    .isEqualTo("compact");
        }
    }

    @Test
    @Order(2)
    void upAgainKeepsTheRunningProcesses() throws Exception {
        Map<String, String> before = pids();
        Result up = run("scripts/stack", "up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(pids()).isEqualTo(before).hasSize(3);
    }

    @Test
    @Order(3)
    void loadedEventsCanBeReadBackOnePerValidRow() throws Exception {
        Path csv = work.resolve("stack-events.csv");
        List<String> lines = new ArrayList<>(List.of("user_id,item_id,category_id,behavior,ts"));
        for (int i = 0; i < 60; i++) {
            lines.add(
                    "user" + (i % 7) + ",item" + i + ",cat" + (i % 5) + ",pv," + (1511539200 + i));
        }
        lines.set(10, "user1,item9,cat1,teleport,1511539200"); // line 11: unknown behavior
        lines.set(30, "user2,item29,cat2,pv"); // line 31: 4 columns
        Files.write(csv, lines, StandardCharsets.UTF_8);

        Result load = run("scripts/load-events", csv.toString(), "--progress", "none");

        assertThat(load.exitCode()).as(load.output()).isZero();
        assertThat(load.output())
                .contains("summary: read=60 published=58 malformed=2 failed=0")
                .contains("line 11:")
                .contains("line 31:");
        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaTopics.readAll(bootstrap(), "ladder.events", Duration.ofSeconds(30));
        assertThat(records).hasSize(58);
        Set<String> expectedIds =
                Stream.iterate(2L, line -> line + 1)
                        .limit(60)
                        .filter(line -> line != 11 && line != 31)
                        .map(line -> EventCsvReader.eventId("stack-events.csv", line))
                        .collect(Collectors.toSet());
        Set<String> ids = new java.util.HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            UserEvent event = Codecs.USER_EVENT.decode(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .isEqualTo(event.getUserId().toString());
            ids.add(event.getEventId().toString());
        }
        assertThat(ids).isEqualTo(expectedIds);

        Result read = run("scripts/read-events", "--count");
        assertThat(read.exitCode()).as(read.output()).isZero();
        assertThat(read.stdout()).contains("summary: records=58 valid=58 invalid=0 users=7");
    }

    @Test
    @Order(4)
    void aSubmittedJobRunsToTheEnd() throws Exception {
        Path jar = smokeJobJar();
        Result submit =
                run(
                        "scripts/flink-submit",
                        jar.toString(),
                        "--class",
                        SmokeJob.class.getName(),
                        "--",
                        "2000");
        assertThat(submit.exitCode()).as(submit.output()).isZero();
        String jobId = submit.stdout().strip();
        assertThat(jobId).matches("[0-9a-f]{32}");

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String job = http("/jobs/" + jobId);
        while (!job.contains("\"state\":\"FINISHED\"") && System.nanoTime() < deadline) {
            assertThat(job).doesNotContain("\"state\":\"FAILED\"");
            Thread.sleep(500);
            job = http("/jobs/" + jobId);
        }
        assertThat(job).contains("\"state\":\"FINISHED\"");
    }

    @Test
    @Order(5)
    void downLeavesNoProcessOfTheRunBehind() throws Exception {
        Result down = run("scripts/stack", "down");
        assertThat(down.exitCode()).as(down.output()).isZero();

        assertThat(pgrep("-Dladder.stack=" + runDir)).as("JVMs of this run").isEmpty();
        assertThat(pgrep("redis-server .*:" + redisPort)).as("redis of this run").isEmpty();
        Result status = run("scripts/stack", "status");
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.output()).contains("kafka    down").contains("redis    down");
    }

    // ------------------------------------------------------------------ helpers

    private record Result(int exitCode, String stdout, String output) {}

    /** Runs a repository script with the test's environment; stdout and stderr go to files. */
    private Result run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(root.resolve(script).toString());
        command.addAll(List.of(args));
        Files.createDirectories(work);
        Path out = Files.createTempFile(work, "out-", ".txt");
        Path err = Files.createTempFile(work, "err-", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(root.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + SCRIPT_TIMEOUT);
        }
        String stdout = Files.readString(out);
        String output = stdout + Files.readString(err);
        return new Result(process.exitValue(), stdout, output);
    }

    private List<String> pgrep(String pattern) throws Exception {
        Process process = new ProcessBuilder("pgrep", "-af", "--", pattern).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return out.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
    }

    private Map<String, String> pids() throws IOException {
        Map<String, String> pids = new HashMap<>();
        try (Stream<Path> files = Files.list(runDir.resolve("pids"))) {
            for (Path file : files.collect(Collectors.toList())) {
                pids.put(file.getFileName().toString(), Files.readString(file).strip());
            }
        }
        return pids;
    }

    private String http(String path) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + restPort + path))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return Admin.create(props);
    }

    /** A jar holding only {@link SmokeJob}: Flink itself is on the cluster's classpath. */
    private Path smokeJobJar() throws IOException {
        Path jar = work.resolve("smoke-job.jar");
        String entry = SmokeJob.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(entry));
            try (var in = SmokeJob.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("scripts/stack"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("scripts/stack not found above the working directory");
        }
        return dir;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.delete(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        }
    }
}
