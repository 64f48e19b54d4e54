package io.ladder.model.bench;

import io.ladder.model.UserModel;
import io.ladder.model.UserModelConfig;
import io.ladder.model.UserState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Updates per second of this thread's CPU time, per update rule, printed as {@code
 * updates_per_cpu_s_sgd=N updates_per_cpu_s_moving_average=M}. On a shared machine JMH's wall-clock
 * throughput measures how much of a core the scheduler gave us; CPU time estimates the per-core
 * rate the 200k/s goal is stated in. Same stream and user as {@link UserModelBenchmark}; used by
 * scripts/bench-model.
 */
public final class UpdatesPerCpuSecond {
    private static final int ITEMS = 4096;
    private static final long WARMUP_NANOS = 3_000_000_000L;
    private static final long MEASURE_NANOS = 3_000_000_000L;

    private UpdatesPerCpuSecond() {}

    public static void main(String[] args) {
        StringBuilder line = new StringBuilder();
        for (UserModelConfig.UpdateRule rule : UserModelConfig.UpdateRule.values()) {
            double rate = measure(rule);
            String key = rule == UserModelConfig.UpdateRule.SGD ? "sgd" : "moving_average";
            line.append("updates_per_cpu_s_")
                    .append(key)
                    .append('=')
                    .append(Math.round(rate))
                    .append(' ');
        }
        System.out.println(line.toString().trim());
    }

    private static double measure(UserModelConfig.UpdateRule rule) {
        UserModelConfig config = UserModelConfig.builder().updateRule(rule).build();
        UserModel model = SyntheticUsers.model(config);
        SyntheticUsers stream = new SyntheticUsers(config, ITEMS, 16, 42);
        long now = 1_767_225_600_000L;
        UserState s = stream.user(model, 2 * ITEMS, now);
        now += 2L * ITEMS * 60_000L;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int n = 0;
        long start = threads.getCurrentThreadCpuTime();
        long startCounted = -1;
        int counted = 0;
        while (true) {
            for (int i = 0; i < 1024; i++, n++) {
                int k = n & (ITEMS - 1);
                now += 1_000;
                model.update(s, stream.levels[k], stream.ids[k], stream.vectors[k], now);
            }
            long cpu = threads.getCurrentThreadCpuTime();
            if (startCounted < 0) {
                if (cpu - start >= WARMUP_NANOS) {
                    startCounted = cpu;
                    counted = 0;
                }
            } else {
                counted += 1024;
                if (cpu - startCounted >= MEASURE_NANOS) {
                    return counted * 1e9 / (cpu - startCounted);
                }
            }
        }
    }
}
