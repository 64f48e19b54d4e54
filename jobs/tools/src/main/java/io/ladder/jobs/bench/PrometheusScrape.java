package io.ladder.jobs.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One scrape of Flink's Prometheus endpoints (text format), with sums over matching series. */
final class PrometheusScrape {
    record Sample(String name, String labels, double value) {}

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusScrape of(List<String> urls) {
        List<Sample> out = new ArrayList<>();
        for (String url : urls) {
            try {
                HttpResponse<String> response =
                        HTTP.send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                parse(response.body(), out);
            } catch (IOException e) {
                // an endpoint that is not up (yet): no samples from it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new PrometheusScrape(out);
    }

    static void parse(String body, List<Sample> out) {
        for (String line : body.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name;
            String labels = "";
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                labels = line.substring(brace + 1, line.lastIndexOf('}'));
            } else {
                name = line.substring(0, space);
            }
            try {
                out.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
            } catch (NumberFormatException e) {
                // NaN and friends parse; anything else is skipped
            }
        }
    }

    /** Sum over every series of the operator metric {@code metric} (all subtasks). */
    double sum(String metric) {
        String name = "flink_taskmanager_job_task_operator_" + metric;
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && !Double.isNaN(s.value())) {
                total += s.value();
            }
        }
        return total;
    }

    /** Sum over the series of {@code metric} whose labels contain {@code label}. */
    double sumWhere(String metric, String label) {
        String name = "flink_taskmanager_job_task_operator_" + metric;
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().contains(label) && !Double.isNaN(s.value())) {
                total += s.value();
            }
        }
        return total;
    }

    /** Values of the operator metric {@code metric}, one per series (subtask). */
    List<Double> values(String metric) {
        String name = "flink_taskmanager_job_task_operator_" + metric;
        List<Double> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && !Double.isNaN(s.value())) {
                out.add(s.value());
            }
        }
        return out;
    }

    /** Values of {@code metric} with {@code quantile="q"}, one per subtask. */
    List<Double> quantiles(String metric, String q) {
        String name = "flink_taskmanager_job_task_operator_" + metric;
        List<Double> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.name().equals(name)
                    && s.labels().contains("quantile=\"" + q + "\"")
                    && !Double.isNaN(s.value())) {
                out.add(s.value());
            }
        }
        return out;
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }
}
