package io.ladder.jobs.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;

/**
 * Reads job and operator metrics from a cluster's REST API, as an operator would: {@code
 * numRestarts} of a job, or an operator metric summed over its subtasks.
 */
public final class FlinkRestMetrics {
    private static final Pattern VALUE = Pattern.compile("\"(?:value|sum)\":\"?([-0-9.E]+)\"?");

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRestMetrics(Configuration clientConfiguration) {
        this.base =
                "http://"
                        + clientConfiguration.get(RestOptions.ADDRESS)
                        + ":"
                        + clientConfiguration.get(RestOptions.PORT);
    }

    /** How often the job restarted (the JobManager's {@code numRestarts}). */
    public long restarts(JobID job) throws Exception {
        return value(get("/jobs/" + job + "/metrics?get=numRestarts"), "numRestarts");
    }

    /**
     * Sum over the subtasks of the vertex whose name starts with {@code vertexPrefix} of the
     * operator metric {@code operator.metric} (operator names with spaces as underscores).
     */
    public long operatorSum(JobID job, String vertexPrefix, String metric) throws Exception {
        String vertex = vertexId(job, vertexPrefix);
        String q = URLEncoder.encode(metric, StandardCharsets.UTF_8);
        return value(
                get(
                        "/jobs/"
                                + job
                                + "/vertices/"
                                + vertex
                                + "/subtasks/metrics?get="
                                + q
                                + "&agg=sum"),
                metric);
    }

    /**
     * {@link #operatorSum} once {@code reached} accepts it, or its last value after {@code
     * timeout}. The REST API answers from a metric store it refreshes asynchronously (at most every
     * {@code metrics.fetcher.update-interval}): a first read can find nothing (-1) or an older
     * value even though the operator already counted.
     */
    public long awaitOperatorSum(
            JobID job, String vertexPrefix, String metric, LongPredicate reached, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long value = operatorSum(job, vertexPrefix, metric);
        while (!reached.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            value = operatorSum(job, vertexPrefix, metric);
        }
        return value;
    }

    private String vertexId(JobID job, String prefix) throws Exception {
        String body = get("/jobs/" + job);
        Matcher m =
                Pattern.compile("\\{\"id\":\"([0-9a-f]{32})\",[^{}]*?\"name\":\"([^\"]*)\"")
                        .matcher(body);
        while (m.find()) {
            if (m.group(2).startsWith(prefix)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no vertex named " + prefix + "... in " + body);
    }

    private static long value(String body, String metric) {
        Matcher m = VALUE.matcher(body);
        if (!m.find()) {
            return -1; // not reported yet
        }
        return (long) Double.parseDouble(m.group(1));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
