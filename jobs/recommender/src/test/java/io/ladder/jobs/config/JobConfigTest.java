package io.ladder.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The options that bound per-user and broadcast state: defaults and ranges. */
class JobConfigTest {
    @Test
    void stateBoundsDefaultToTheirNamedConstants() {
        JobConfig config = JobConfig.parse();
        assertThat(config.dedupMaxIdsPerUser())
                .isEqualTo(JobConfig.DEFAULT_DEDUP_MAX_IDS_PER_USER)
                .isEqualTo(10_000);
        assertThat(config.announceMaxItems())
                .isEqualTo(JobConfig.DEFAULT_ANNOUNCE_MAX_ITEMS)
                .isEqualTo(100_000);
        assertThat(config.announceTtl())
                .isEqualTo(JobConfig.DEFAULT_ANNOUNCE_TTL)
                .isEqualTo(Duration.ofDays(7));
    }

    @Test
    void stateBoundsAreParsed() {
        JobConfig config =
                JobConfig.parse(
                        "--dedup.max-ids-per-user",
                        "500",
                        "--catalog.announce.max-items",
                        "0",
                        "--catalog.announce.ttl",
                        "36h");
        assertThat(config.dedupMaxIdsPerUser()).isEqualTo(500);
        assertThat(config.announceMaxItems()).isZero();
        assertThat(config.announceTtl()).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void stateBoundsOutOfRangeAreRefusedWithTheOptionName() {
        assertThatThrownBy(() -> JobConfig.parse("--dedup.max-ids-per-user", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--dedup.max-ids-per-user must be in 2..10000000");
        assertThatThrownBy(() -> JobConfig.parse("--catalog.announce.max-items", "-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--catalog.announce.max-items must be in 0..10000000");
        assertThatThrownBy(() -> JobConfig.parse("--catalog.announce.ttl", "0s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--catalog.announce.ttl must be positive");
    }

    @Test
    void theModelAndRedisGroupsAreParsedOnceIntoTypedSettings() {
        JobConfig config =
                JobConfig.parse(
                        "--model.max-interests", "3",
                        "--redis.keys-per-call", "7",
                        "--redis.ttl", "2h",
                        "--redis.password-env", "LADDER_REDIS_PASSWORD");
        assertThat(config.model().maxInterests()).isEqualTo(3);
        // the tuned touched-item blend is the job's default
        assertThat(config.model().touchedRecencyWeight())
                .isEqualTo(ModelOptions.TUNED_TOUCHED_RECENCY_WEIGHT);
        assertThat(config.redis().keysPerCall()).isEqualTo(7);
        assertThat(config.redis().ttl()).isEqualTo(Duration.ofHours(2));
        assertThat(config.redis().linger()).as("not given: the sink's default").isNull();
        assertThat(JobConfig.parse().redis().ttl())
                .isEqualTo(io.ladder.sink.RedisCandidateSinkBuilder.DEFAULT_TTL);
    }

    @Test
    void aBadNestedOptionFailsAtParseNamingIt() {
        assertThatThrownBy(() -> JobConfig.parse("--model.max-interest", "3"))
                .hasMessageContaining("model.max-interest");
        assertThatThrownBy(() -> JobConfig.parse("--redis.batch-size", "lots"))
                .hasMessageContaining("--redis.batch-size");
        assertThatThrownBy(() -> JobConfig.parse("--redis.ttl", "60d"))
                .hasMessageContaining("--user.inactivity-ttl");
    }
}
