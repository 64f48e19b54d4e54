package io.ladder.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of processes and of one process's threads from {@code /proc} (Linux), so a benchmark can
 * say where the CPU went: take a snapshot before and after, {@link #percent} of the difference.
 */
final class CpuSampler {
    static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux x86/arm

    record Snapshot(
            long nanos,
            Map<String, Long> processTicks,
            Map<String, Long> threadTicks,
            long machineBusy,
            long machineTotal) {}

    private final Map<String, Long> pids;
    private final Long threadsOf;

    /**
     * @param pids name to pid of each process to account for
     * @param threadsOf pid whose threads are broken down by name (null: none)
     */
    CpuSampler(Map<String, Long> pids, Long threadsOf) {
        this.pids = pids;
        this.threadsOf = threadsOf;
    }

    Snapshot snapshot() {
        Map<String, Long> processes = new LinkedHashMap<>();
        pids.forEach((name, pid) -> processes.put(name, ticks(Path.of("/proc", pid.toString()))));
        Map<String, Long> threads = new HashMap<>();
        if (threadsOf != null) {
            Path tasks = Path.of("/proc", threadsOf.toString(), "task");
            try (Stream<Path> s = Files.list(tasks)) {
                s.forEach(
                        t -> {
                            String name = threadName(t);
                            threads.merge(name, ticks(t), Long::sum);
                        });
            } catch (IOException e) {
                // the process ended
            }
        }
        long busy = 0;
        long total = 0;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                long v = Long.parseLong(cpu[i]);
                total += v;
                if (i != 4 && i != 5) { // idle, iowait
                    busy += v;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return new Snapshot(System.nanoTime(), processes, threads, busy, total);
    }

    /** CPU % (100 = one core) of each process and thread group between two snapshots. */
    static Map<String, Double> percent(
            Map<String, Long> before, Map<String, Long> after, double s) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach(
                (name, t) -> {
                    long d = t - before.getOrDefault(name, 0L);
                    out.put(name, round(100.0 * d / TICKS_PER_SECOND / s));
                });
        return out;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Thread name with digits folded, so "(1/2)" and "(2/2)" subtasks add up. */
    private static String threadName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "N");
        } catch (IOException e) {
            return "?";
        }
    }

    private static long ticks(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // fields after the command (which may hold spaces), 14 = utime, 15 = stime
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
