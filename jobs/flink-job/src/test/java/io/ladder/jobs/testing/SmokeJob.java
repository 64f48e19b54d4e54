package io.ladder.jobs.testing;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * A trivial bounded job for checking that a cluster accepts and runs a submitted jar: sums the
 * numbers 1..N (first argument, default 1000) and discards the result.
 */
public final class SmokeJob {
    private SmokeJob() {}

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1000;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(1, n)
                .map(x -> x * 2)
                .returns(Types.LONG)
                .name("double")
                .keyBy(x -> x % 4, Types.LONG)
                .reduce(Long::sum)
                .name("sum per key")
                .sinkTo(new DiscardingSink<>())
                .name("discard");
        env.execute("ladder-smoke");
    }
}
