package io.ladder.model.bench;

import io.ladder.model.UserModel;
import io.ladder.model.UserModelConfig;
import io.ladder.model.UserState;
import io.ladder.model.UserStateSerializer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One thread folding a stream of events into one user at the default bounds (K = 4 interests in
 * use, 50 recent and 50 purchased items), per update rule; plus scoring one candidate and a
 * serializer round trip, the other per-event costs of the job. Run by scripts/bench-model.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UserModelBenchmark {
    private static final int ITEMS = 4096; // a power of two: the index wraps with a mask

    @Param({"SGD", "MOVING_AVERAGE"})
    public String rule;

    private UserModel model;
    private SyntheticUsers stream;
    private UserState state;
    private int next;
    private long now;

    @Setup(Level.Trial)
    public void setUp() {
        UserModelConfig config =
                UserModelConfig.builder()
                        .updateRule(UserModelConfig.UpdateRule.valueOf(rule))
                        .build();
        model = SyntheticUsers.model(config);
        stream = new SyntheticUsers(config, ITEMS, 16, 42);
        now = 1_767_225_600_000L; // 2026-01-01
        state = stream.user(model, 2 * ITEMS, now);
        now += 2L * ITEMS * 60_000L;
    }

    @Benchmark
    public void update() {
        int k = next++ & (ITEMS - 1);
        now += 1_000;
        model.update(state, stream.levels[k], stream.ids[k], stream.vectors[k], now);
    }

    @Benchmark
    public double score() {
        int k = next++ & (ITEMS - 1);
        return model.score(state, stream.ids[k], stream.vectors[k], now);
    }

    @Benchmark
    public UserState serializeRoundTrip() throws IOException {
        return UserStateSerializer.fromBytes(UserStateSerializer.toBytes(state));
    }
}
