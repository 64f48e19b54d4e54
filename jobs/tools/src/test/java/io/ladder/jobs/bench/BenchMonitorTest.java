package io.ladder.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BenchMonitorTest {
    @Test
    void parsesPrometheusTextAndSumsOverSubtasks() {
        List<PrometheusScrape.Sample> samples = new ArrayList<>();
        PrometheusScrape.parse(
                """
                # HELP flink_taskmanager_job_task_operator_events events
                # TYPE flink_taskmanager_job_task_operator_events gauge
                flink_taskmanager_job_task_operator_events{operator_name="a",subtask_index="0",} 10.0
                flink_taskmanager_job_task_operator_events{operator_name="a",subtask_index="1",} 5.0
                flink_taskmanager_job_task_operator_freshnessMs{subtask_index="0",quantile="0.99",} 120.0
                """,
                samples);
        assertThat(samples).hasSize(3);
        assertThat(samples.get(0).value()).isEqualTo(10.0);
        assertThat(samples.get(2).labels()).contains("quantile=\"0.99\"");
    }

    @Test
    void zipfFavoursLowRanksAsItsExponentSays() {
        Zipf zipf = new Zipf(100_000, 1.0);
        SplittableRandom random = new SplittableRandom(1);
        int[] counts = new int[3];
        for (int i = 0; i < 200_000; i++) {
            int k = zipf.sample(random);
            assertThat(k).isBetween(0, 99_999);
            if (k < 3) {
                counts[k]++;
            }
        }
        // p(k) ~ 1/(k+1): rank 0 twice as likely as rank 1, three times rank 2
        assertThat((double) counts[0] / counts[1]).isBetween(1.8, 2.2);
        assertThat((double) counts[0] / counts[2]).isBetween(2.6, 3.4);
        assertThat(zipf.probability(0)).isBetween(0.08, 0.09); // 1 / H(100000) = 0.0830
    }
}
