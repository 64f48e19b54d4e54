package io.ladder.jobs;

import io.ladder.jobs.config.CoEngagementSettings;
import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.dedup.DeduplicateEventsFunction;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.ingest.RejectedRecord;
import io.ladder.jobs.metrics.FreshnessListener;
import io.ladder.jobs.pipeline.AnnounceNewItems;
import io.ladder.jobs.pipeline.CatalogState;
import io.ladder.jobs.pipeline.CatalogWatermarks;
import io.ladder.jobs.pipeline.CoEngagementPairs;
import io.ladder.jobs.pipeline.ItemNeighboursFunction;
import io.ladder.jobs.pipeline.KafkaEndpoints;
import io.ladder.jobs.pipeline.RedisSinks;
import io.ladder.jobs.pipeline.SplitRejected;
import io.ladder.jobs.pipeline.user.UserRecommendationFunction;
import io.ladder.schemas.CandidateList;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Events to per-user state to candidate lists in Redis.
 *
 * <pre>
 * events topic --decode/validate--> split --dead letters--> dead-letter topic
 *                                     |
 *                         keyBy(user) dedup --keyBy(item)--> announce new items ----+
 *                                     |                                             |
 *                                     +--keyBy(user) pairs --keyBy(item)--> neighbours
 *                                     |                                             |
 * items topic --decode--> split ------+-------------- catalogue (broadcast) <-------+
 *                                     |                    |
 *                         keyBy(user) user model state + retrieval --> lists --> Redis
 * </pre>
 *
 * Sources and sinks come in through the constructor so tests inject their own; only {@link #main}
 * knows Kafka and Redis. Uids are released names: never change them.
 */
public final class RecommendationJob {
    private final JobConfig config;
    private final Source<EventRecord, ?, ?> events;
    private final Source<CatalogRecord, ?, ?> catalog;
    private final Sink<CandidateList> lists;
    private final Sink<RejectedRecord> deadLetters;

    public RecommendationJob(
            JobConfig config,
            Source<EventRecord, ?, ?> events,
            Source<CatalogRecord, ?, ?> catalog,
            Sink<CandidateList> lists,
            Sink<RejectedRecord> deadLetters) {
        this.config = config;
        this.events = events;
        this.catalog = catalog;
        this.lists = lists;
        this.deadLetters = deadLetters;
    }

    /** Adds the pipeline to {@code env}; returns the stream of lists (also sent to the sink). */
    public DataStream<CandidateList> build(StreamExecutionEnvironment env) {
        // Records are never mutated after emission, so chained operators may share them; this
        // also spares copying Avro lists through a generic serializer on the way to the sink.
        env.getConfig().enableObjectReuse();

        WatermarkStrategy<EventRecord> eventTime =
                WatermarkStrategy.<EventRecord>forBoundedOutOfOrderness(config.maxOutOfOrderness())
                        // Rejected records carry no trustworthy time: they must not move the clock.
                        .withTimestampAssigner(
                                (e, kafkaTime) -> e.isRejected() ? Long.MIN_VALUE : e.eventTime)
                        .withIdleness(config.idleness());
        SingleOutputStreamOperator<EventRecord> validEvents =
                env.fromSource(events, eventTime, "events")
                        .uid("events-source")
                        .process(new SplitRejected.Events())
                        .uid("split-events")
                        .name("dead-letter invalid events");

        SingleOutputStreamOperator<CatalogRecord> catalogUpdates =
                env.fromSource(catalog, CatalogWatermarks.none(), "items")
                        .uid("items-source")
                        .process(new SplitRejected.Catalog())
                        .uid("split-items")
                        .name("dead-letter invalid items");

        SingleOutputStreamOperator<EventRecord> unique =
                validEvents
                        .keyBy(e -> e.userId)
                        .process(
                                new DeduplicateEventsFunction(
                                        config.dedupTtl(), config.dedupMaxIdsPerUser()))
                        .uid(DeduplicateEventsFunction.UID)
                        .name("deduplicate event ids");

        DataStream<CatalogRecord> announced =
                unique.keyBy(e -> e.itemId)
                        .connect(
                                catalogUpdates
                                        .filter(r -> r.kind == CatalogRecord.Kind.ITEM)
                                        .name("items only")
                                        .keyBy(r -> r.itemId))
                        .process(
                                new AnnounceNewItems(
                                        config.announceMaxItems(), config.announceTtl()))
                        .uid(AnnounceNewItems.UID)
                        .name("announce items first seen in events")
                        .returns(TypeInformation.of(CatalogRecord.class));

        DataStream<CatalogRecord> catalogChanges = catalogUpdates.union(announced);
        CoEngagementSettings coEngagement = config.coEngagement();
        if (coEngagement.enabled()) {
            // The pairs come from a user-keyed operator upstream of the user operator, not from
            // it: the neighbours flow into the catalogue broadcast the user operator reads, and a
            // loop back from it would be a cycle.
            DataStream<CatalogRecord> neighbours =
                    unique.keyBy(e -> e.userId)
                            .process(
                                    new CoEngagementPairs(
                                            coEngagement.history(), coEngagement.userTtl()))
                            .uid(CoEngagementPairs.UID)
                            .name("pair each event with the user's latest items")
                            .keyBy(u -> u.itemId)
                            .process(new ItemNeighboursFunction(coEngagement))
                            .uid(ItemNeighboursFunction.UID)
                            .name("count co-engaged neighbours per item")
                            .returns(TypeInformation.of(CatalogRecord.class));
            catalogChanges = catalogChanges.union(neighbours);
        }
        BroadcastStream<CatalogRecord> catalogue = catalogChanges.broadcast(CatalogState.all());

        SingleOutputStreamOperator<CandidateList> candidateLists =
                unique.keyBy(e -> e.userId)
                        .connect(catalogue)
                        .process(new UserRecommendationFunction(config))
                        .returns(TypeInformation.of(CandidateList.class))
                        .uid(UserRecommendationFunction.UID)
                        .name("user model and candidate lists");

        candidateLists.sinkTo(lists).uid("candidate-sink").name("candidate lists");

        // Every rejection, wherever it happens, reaches the one dead-letter topic.
        validEvents
                .getSideOutput(SplitRejected.DEAD_LETTERS)
                .union(
                        catalogUpdates.getSideOutput(SplitRejected.DEAD_LETTERS),
                        candidateLists.getSideOutput(UserRecommendationFunction.PROCESS_FAILURES))
                .sinkTo(deadLetters)
                .uid("dead-letter-sink")
                .name("dead-letter topic");
        return candidateLists;
    }

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.parse(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new RecommendationJob(
                        config,
                        KafkaEndpoints.eventsSource(config.kafka()),
                        KafkaEndpoints.catalogSource(config.kafka()),
                        RedisSinks.toSink(config.redis(), new FreshnessListener()),
                        KafkaEndpoints.deadLetterSink(config.kafka()))
                .build(env);
        env.execute("ladder-recommendations");
    }
}
