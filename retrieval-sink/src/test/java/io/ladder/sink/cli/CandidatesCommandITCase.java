package io.ladder.sink.cli;

import static io.ladder.sink.testing.CandidateListFixtures.GENERATED;
import static io.ladder.sink.testing.CandidateListFixtures.firstItem;
import static io.ladder.sink.testing.CandidateListFixtures.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.RedisConnectionConfig;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.testing.RedisServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CandidatesCommandITCase {
    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static final Clock CLOCK = Clock.fixed(GENERATED.plusSeconds(90), ZoneOffset.UTC);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void storeLists() {
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(
                        RedisConnectionConfig.standalone(REDIS.address()),
                        CandidateKeys.withPrefix("cli:"))) {
            store.put(list("alice", 12, 100));
        }
    }

    private int run(String... args) {
        return CandidatesCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                CLOCK);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTopNWithFreshness() {
        int code = run("alice", "--n", "3", "--redis", REDIS.address(), "--prefix", "cli:");

        assertThat(code).isZero();
        assertThat(out())
                .contains("user alice", "key cli:alice", "sequence 12", "showing 3 of 100")
                .contains("age 90.0 s")
                .contains("   1  " + firstItem("alice", 12));
        assertThat(out().lines()).hasSize(3 + 3);
    }

    @Test
    void printsJson() {
        int code =
                run("alice", "--n", "2", "--json", "--redis", REDIS.address(), "--prefix", "cli:");

        assertThat(code).isZero();
        assertThat(out())
                .startsWith("{\"user_id\":\"alice\",\"key\":\"cli:alice\",\"found\":true")
                .contains("\"sequence\":12", "\"age_ms\":89988", "\"total_candidates\":100")
                .contains("{\"rank\":1,\"item_id\":\"" + firstItem("alice", 12) + "\"")
                .contains("\"rank\":2")
                .doesNotContain("\"rank\":3");
    }

    @Test
    void unknownUserExitsOneWithKeyInMessage() {
        int code = run("bob", "--redis", REDIS.address(), "--prefix", "cli:");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("no candidate list for user 'bob' (key cli:bob");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("--n", "0", "alice")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(run("alice", "--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: candidates USER");
    }
}
