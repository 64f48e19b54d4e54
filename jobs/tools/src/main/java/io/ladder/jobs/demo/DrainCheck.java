package io.ladder.jobs.demo;

import io.ladder.jobs.config.RawOptions;
import io.ladder.jobs.csv.BehaviorMapping;
import io.ladder.jobs.csv.CsvRow;
import io.ladder.jobs.csv.EventCsvReader;
import io.ladder.schemas.validate.RecordValidator;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.RedisConnectionConfig;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.store.StoredCandidates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Waits until every event of a CSV is reflected in Redis: each user's list has a sequence equal to
 * the number of that user's valid, distinct events in the file. Prints progress and exits 0 when
 * drained, 1 on timeout (naming users still behind).
 *
 * <p>Usage: {@code DrainCheck FILE --redis host:port [--prefix p] [--timeout-s 600]}
 */
public final class DrainCheck {
    private DrainCheck() {}

    public static void main(String[] args) throws Exception {
        RawOptions o = RawOptions.parse(args);
        String redis = o.string("redis", "127.0.0.1:6379");
        String prefix = o.string("prefix", CandidateKeys.DEFAULT_PREFIX);
        long timeoutSeconds = o.number("timeout-s", 600);
        Path file = Path.of(o.onePositional("FILE (the events CSV)"));
        o.refuseUnused("usage: DrainCheck FILE --redis host:port [--prefix p] [--timeout-s 600]");
        Map<String, Long> expected = expectedSequences(file);
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        RedisConnectionConfig.standalone(redis),
                        CandidateKeys.withPrefix(prefix))) {
            Set<String> pending = new HashSet<>(expected.keySet());
            while (true) {
                pending.removeIf(
                        user -> {
                            Optional<StoredCandidates> list = store.topN(user, 1);
                            return list.isPresent() && list.get().sequence() >= expected.get(user);
                        });
                int done = expected.size() - pending.size();
                System.err.printf("\rdrain: %d/%d users up to date", done, expected.size());
                if (pending.isEmpty()) {
                    System.err.println();
                    System.out.println(
                            "drained: every one of "
                                    + expected.size()
                                    + " users has a list reflecting all their events");
                    return;
                }
                if (System.nanoTime() > deadline) {
                    System.err.println();
                    System.out.println(
                            "timeout: "
                                    + pending.size()
                                    + " users behind, e.g. "
                                    + pending.stream().limit(5).toList());
                    System.exit(1);
                }
                Thread.sleep(500);
            }
        }
    }

    /** Valid, distinct (by event id) events per user, as the job counts them. */
    static Map<String, Long> expectedSequences(Path file) throws Exception {
        RecordValidator validator = new RecordValidator(Clock.systemUTC(), 0);
        Map<String, Long> counts = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        try (EventCsvReader reader = EventCsvReader.open(file, BehaviorMapping.defaults())) {
            for (Optional<CsvRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                CsvRow r = row.get();
                if (r.ok()
                        && validator.problems(r.event()).isEmpty()
                        && ids.add(r.event().getEventId())) {
                    counts.merge(r.event().getUserId(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }
}
