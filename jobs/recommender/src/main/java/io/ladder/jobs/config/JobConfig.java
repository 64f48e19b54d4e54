package io.ladder.jobs.config;

import io.ladder.model.UserModelConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every option of the recommendation job, parsed once in {@code main} and immutable after. See
 * README "Job options" for the reference; defaults are the named constants below.
 */
public record JobConfig(
        KafkaSettings kafka,
        RedisSettings redis,
        UserModelConfig model,
        Duration maxOutOfOrderness,
        Duration idleness,
        Duration dedupTtl,
        int dedupMaxIdsPerUser,
        int announceMaxItems,
        Duration announceTtl,
        Duration userInactivityTtl,
        Duration listMinInterval,
        int listSize,
        Duration trendingHalfLife,
        int trendingSize,
        RetrievalSettings retrieval,
        CoEngagementSettings coEngagement,
        boolean replay)
        implements Serializable {

    public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DEDUP_TTL = Duration.ofHours(24);

    /**
     * Event ids remembered per user at most, in two generations of half each: a retry is caught as
     * long as fewer than 5,000 of the same user's new ids came between it and its original, ample
     * for retries within minutes (a person sends a few events a minute); yet one hostile or looping
     * producer can no longer grow a user's set without bound (10,000 ids: under a megabyte).
     */
    public static final int DEFAULT_DEDUP_MAX_IDS_PER_USER = 10_000;

    public static final int MAX_DEDUP_MAX_IDS_PER_USER = 10_000_000;

    /**
     * Items announced (seen in events, never published by the items topic) live at once per
     * announce subtask: far more than a shop's genuinely unpublished items, yet a ceiling for a
     * producer inventing item ids. Every retrieval subtask holds all announced items, up to this x
     * the job's parallelism, in broadcast state and in its index (estimated at well under a
     * kilobyte each with 3 x 32-dimensional heads): size the TaskManager heap for it, or lower it.
     */
    public static final int DEFAULT_ANNOUNCE_MAX_ITEMS = 100_000;

    public static final int MAX_ANNOUNCE_MAX_ITEMS = 10_000_000;

    /**
     * Event time without an event after which an announced item is retired: a real item is named
     * again well within a week, or published by then; an invented one goes.
     */
    public static final Duration DEFAULT_ANNOUNCE_TTL = Duration.ofDays(7);

    public static final Duration DEFAULT_USER_INACTIVITY_TTL = Duration.ofDays(30);
    public static final Duration DEFAULT_LIST_MIN_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_LIST_SIZE = 100;
    public static final Duration DEFAULT_TRENDING_HALF_LIFE = Duration.ofHours(1);
    public static final int DEFAULT_TRENDING_SIZE = 200;

    /**
     * Parses {@code --key value} arguments (and {@code --config FILE} properties).
     *
     * @throws IllegalArgumentException naming the option that is wrong or unknown
     */
    public static JobConfig parse(String... args) {
        RawOptions options = RawOptions.parse(args);
        Map<String, String> kafkaProperties = new TreeMap<>();
        String propertiesFile = options.string("kafka.properties-file", null);
        if (propertiesFile != null) {
            kafkaProperties.putAll(RawOptions.readProperties(Path.of(propertiesFile)));
        }
        kafkaProperties.putAll(options.withPrefix("kafka.property."));
        KafkaSettings kafka =
                new KafkaSettings(
                        options.string("kafka.bootstrap-servers", KafkaSettings.DEFAULT_BOOTSTRAP),
                        options.string("kafka.events-topic", KafkaSettings.DEFAULT_EVENTS_TOPIC),
                        options.string("kafka.items-topic", KafkaSettings.DEFAULT_ITEMS_TOPIC),
                        options.string(
                                "kafka.dead-letter-topic", KafkaSettings.DEFAULT_DEAD_LETTER_TOPIC),
                        options.string("kafka.group-id", KafkaSettings.DEFAULT_GROUP_ID),
                        startingOffsets(options.string("kafka.starting-offsets", "committed")),
                        Map.copyOf(kafkaProperties));
        JobConfig config =
                new JobConfig(
                        kafka,
                        RedisOptions.parse(options.withPrefix("redis.")),
                        ModelOptions.toConfig(options.withPrefix("model.")),
                        options.duration(
                                "events.max-out-of-orderness", DEFAULT_MAX_OUT_OF_ORDERNESS),
                        options.duration("events.idleness", DEFAULT_IDLENESS),
                        options.duration("dedup.ttl", DEFAULT_DEDUP_TTL),
                        options.integer(
                                "dedup.max-ids-per-user",
                                DEFAULT_DEDUP_MAX_IDS_PER_USER,
                                2,
                                MAX_DEDUP_MAX_IDS_PER_USER),
                        options.integer(
                                "catalog.announce.max-items",
                                DEFAULT_ANNOUNCE_MAX_ITEMS,
                                0,
                                MAX_ANNOUNCE_MAX_ITEMS),
                        positive(
                                "catalog.announce.ttl",
                                options.duration("catalog.announce.ttl", DEFAULT_ANNOUNCE_TTL)),
                        options.duration("user.inactivity-ttl", DEFAULT_USER_INACTIVITY_TTL),
                        options.duration("list.min-interval", DEFAULT_LIST_MIN_INTERVAL),
                        options.integer("list.size", DEFAULT_LIST_SIZE, 1, 10_000),
                        options.duration("trending.half-life", DEFAULT_TRENDING_HALF_LIFE),
                        options.integer("trending.size", DEFAULT_TRENDING_SIZE, 1, 100_000),
                        RetrievalSettings.parse(options),
                        CoEngagementSettings.parse(options),
                        options.flag("replay", false));
        if (config.redis().ttl().compareTo(config.userInactivityTtl()) > 0) {
            throw new IllegalArgumentException(
                    "--redis.ttl ("
                            + config.redis().ttl()
                            + ") must not exceed --user.inactivity-ttl ("
                            + config.userInactivityTtl()
                            + "): a list must not outlive its user's state, or a returning user's new"
                            + " lists (sequence restarting at 1) would be refused as older");
        }
        options.refuseUnused("see README 'Job options' for the list");
        return config;
    }

    private static Duration positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("--" + key + " must be positive, was " + value);
        }
        return value;
    }

    private static String startingOffsets(String value) {
        if (!Set.of("committed", "earliest", "latest").contains(value)) {
            throw new IllegalArgumentException(
                    "--kafka.starting-offsets must be committed, earliest"
                            + " or latest, was '"
                            + value
                            + "'");
        }
        return value;
    }

    /** Redacted: never prints Redis or Kafka secrets. */
    @Override
    public String toString() {
        return "JobConfig{kafka="
                + kafka
                + ", redis="
                + redis
                + ", model="
                + model
                + ", maxOutOfOrderness="
                + maxOutOfOrderness
                + ", idleness="
                + idleness
                + ", dedupTtl="
                + dedupTtl
                + ", dedupMaxIdsPerUser="
                + dedupMaxIdsPerUser
                + ", announceMaxItems="
                + announceMaxItems
                + ", announceTtl="
                + announceTtl
                + ", userInactivityTtl="
                + userInactivityTtl
                + ", listMinInterval="
                + listMinInterval
                + ", listSize="
                + listSize
                + ", trendingHalfLife="
                + trendingHalfLife
                + ", trendingSize="
                + trendingSize
                + ", coEngagement="
                + coEngagement
                + ", replay="
                + replay
                + "}";
    }
}
