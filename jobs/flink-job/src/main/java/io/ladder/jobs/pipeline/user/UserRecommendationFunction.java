package io.ladder.jobs.pipeline.user;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ItemNeighbours;
import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.ingest.RejectedRecord;
import io.ladder.jobs.metrics.IndexMetrics;
import io.ladder.jobs.pipeline.CatalogState;
import io.ladder.jobs.user.CatalogView;
import io.ladder.jobs.user.CatalogWriter;
import io.ladder.jobs.user.EmissionState;
import io.ladder.jobs.user.Recommender;
import io.ladder.jobs.user.RetrievalCache;
import io.ladder.jobs.user.SourceHitRates;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.codec.AvroTrust;
import java.time.Clock;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Flink adapter of the {@link Recommender}: keyed by user, user state in keyed state (RocksDB in
 * production), the catalogue in broadcast state, timers in event time.
 */
public class UserRecommendationFunction
        extends KeyedBroadcastProcessFunction<String, EventRecord, CatalogRecord, CandidateList>
        implements CheckpointedFunction {
    public static final String UID = "user-recommendations";

    /**
     * Our versioned binary form ({@link UserStateSerializer}): the format version is in the bytes.
     */
    static final ValueStateDescriptor<byte[]> USER_STATE =
            new ValueStateDescriptor<>(
                    "user-model-state", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    /** A Flink POJO, so fields can be added without losing state. */
    static final ValueStateDescriptor<EmissionState> EMISSION =
            new ValueStateDescriptor<>("list-emission", TypeInformation.of(EmissionState.class));

    private final JobConfig config;

    /** The last index query's candidates, re-scored until the refresh policy re-queries. */
    static final ValueStateDescriptor<RetrievalCache> RETRIEVAL =
            new ValueStateDescriptor<>("retrieval-cache", TypeInformation.of(RetrievalCache.class));

    private transient ValueState<byte[]> userState;
    private transient ValueState<RetrievalCache> retrieval;
    private transient ValueState<EmissionState> emission;
    private transient Recommender recommender;

    /**
     * The learned source hit rates of every subtask, as union state: after a restore or rescale a
     * subtask starts from their mean instead of the prior (they are samples of one purchase mix).
     */
    static final ListStateDescriptor<double[]> HIT_RATES =
            new ListStateDescriptor<>(
                    "source-hit-rates", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO);

    private transient ListState<double[]> hitRates;
    private transient List<double[]> restoredHitRates;

    /**
     * The learned fusion weights of every subtask, as union state (their mean is restored). A
     * savepoint from before the fusion has none: the weights then start from the restored hit
     * rates, so the lists continue where they were.
     */
    static final ListStateDescriptor<double[]> FUSION =
            new ListStateDescriptor<>(
                    "source-fusion", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO);

    private transient ListState<double[]> fusion;
    private transient List<double[]> restoredFusion;
    private final ProcessFailures failures;

    public UserRecommendationFunction(JobConfig config) {
        this.config = config;
        this.failures =
                new ProcessFailures(config.kafka().eventsTopic(), config.kafka().itemsTopic());
    }

    /** Dead letters of valid records whose processing threw (stage {@code process}). */
    public static final org.apache.flink.util.OutputTag<RejectedRecord> PROCESS_FAILURES =
            ProcessFailures.DEAD_LETTERS;

    @Override
    public void open(OpenContext openContext) {
        AvroTrust.ensureRegistered(); // before Flink's Avro serializer decodes our lists
        userState = getRuntimeContext().getState(USER_STATE);
        emission = getRuntimeContext().getState(EMISSION);
        retrieval = getRuntimeContext().getState(RETRIEVAL);
        FlinkRecommenderMetrics metrics =
                new FlinkRecommenderMetrics(getRuntimeContext().getMetricGroup());
        failures.open(getRuntimeContext().getMetricGroup());
        recommender = new Recommender(config, metrics, Clock.systemUTC());
        // What the purchases say about the mix of sources, for dashboards: the share of
        // purchases each source held in its ranking just before.
        for (SourceHitRates.Source source : SourceHitRates.Source.values()) {
            getRuntimeContext()
                    .getMetricGroup()
                    .gauge(
                            "purchasesHeldBy" + camelCase(source.name()),
                            () -> recommender.hitRates().share(source));
        }
        if (restoredHitRates != null) {
            recommender.hitRates().restore(restoredHitRates);
            restoredHitRates = null;
        }
        if (restoredFusion == null || !recommender.fusion().restore(restoredFusion)) {
            recommender.fusion().resetTo(recommender.hitRates());
        }
        restoredFusion = null;
        // How old the embeddings behind this subtask's lists are (-1 before the first version);
        // a retraining loop that stalls shows here first.
        getRuntimeContext()
                .getMetricGroup()
                .gauge(
                        "modelVersionAgeSeconds",
                        () -> {
                            long created = recommender.servingModelCreatedMillis();
                            return created < 0
                                    ? -1L
                                    : (System.currentTimeMillis() - created) / 1000;
                        });
        // Size, age, version and rebuild state of this subtask's index, plus queries per second.
        metrics.index =
                IndexMetrics.register(
                        getRuntimeContext().getMetricGroup(), recommender::indexStats);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        hitRates = context.getOperatorStateStore().getUnionListState(HIT_RATES);
        fusion = context.getOperatorStateStore().getUnionListState(FUSION);
        if (context.isRestored()) {
            restoredHitRates = new java.util.ArrayList<>();
            hitRates.get().forEach(restoredHitRates::add);
            restoredFusion = new java.util.ArrayList<>();
            fusion.get().forEach(restoredFusion::add);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        hitRates.update(List.of(recommender.hitRates().snapshot()));
        fusion.update(List.of(recommender.fusion().snapshot()));
    }

    @Override
    public void close() throws Exception {
        if (recommender != null) {
            recommender.close();
        }
        super.close();
    }

    @Override
    public void processElement(EventRecord event, ReadOnlyContext ctx, Collector<CandidateList> out)
            throws Exception {
        StagedUserScope scope = scope(ctx.getCurrentKey(), ctx.timerService());
        try {
            recommender.onEvent(event, scope, readOnly(ctx));
        } catch (StagedUserScope.StateAccessException e) {
            throw e; // the state backend failed: the task must fail and restore
        } catch (RuntimeException e) {
            // Nothing staged is kept: state, sequence and the user's list stay as before.
            ctx.output(ProcessFailures.DEAD_LETTERS, failures.event(event, e));
            return;
        }
        scope.commit(out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CandidateList> out)
            throws Exception {
        StagedUserScope scope = scope(ctx.getCurrentKey(), ctx.timerService());
        try {
            recommender.onTimer(
                    timestamp,
                    ctx.timeDomain() == TimeDomain.PROCESSING_TIME,
                    scope,
                    readOnly(ctx));
        } catch (StagedUserScope.StateAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            failures.timer(ctx.getCurrentKey(), timestamp, e);
            return;
        }
        scope.commit(out);
    }

    @Override
    public void processBroadcastElement(
            CatalogRecord record, Context ctx, Collector<CandidateList> out) throws Exception {
        try {
            recommender.onCatalog(
                    record,
                    new WritableCatalog(
                            ctx.getBroadcastState(CatalogState.ITEMS),
                            ctx.getBroadcastState(CatalogState.MODELS),
                            ctx.getBroadcastState(CatalogState.NEIGHBOURS)));
        } catch (RuntimeException e) {
            RejectedRecord dead =
                    failures.catalogue(
                            record.itemId != null ? record.itemId : record.modelVersion,
                            record.payload,
                            e);
            // Every subtask applies the same change and fails alike: one dead letter is enough.
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                ctx.output(ProcessFailures.DEAD_LETTERS, dead);
            }
        }
    }

    /** CO_ENGAGED to CoEngaged: the gauges' names (purchasesHeldByCoEngaged). */
    static String camelCase(String constant) {
        StringBuilder out = new StringBuilder();
        for (String word : constant.split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }

    private StagedUserScope scope(String userId, TimerService timers) {
        return new StagedUserScope(userId, userState, emission, retrieval, timers, config.replay());
    }

    private static ReadOnlyCatalog readOnly(ReadOnlyContext ctx) {
        return new ReadOnlyCatalog(
                ctx.getBroadcastState(CatalogState.ITEMS),
                ctx.getBroadcastState(CatalogState.MODELS),
                ctx.getBroadcastState(CatalogState.NEIGHBOURS));
    }

    private static class ReadOnlyCatalog implements CatalogView {
        private final ReadOnlyBroadcastState<String, CatalogEntry> items;
        private final ReadOnlyBroadcastState<String, byte[]> models;
        private final ReadOnlyBroadcastState<String, ItemNeighbours> neighbours;

        ReadOnlyCatalog(
                ReadOnlyBroadcastState<String, CatalogEntry> items,
                ReadOnlyBroadcastState<String, byte[]> models,
                ReadOnlyBroadcastState<String, ItemNeighbours> neighbours) {
            this.items = items;
            this.models = models;
            this.neighbours = neighbours;
        }

        @Override
        public ItemNeighbours neighbours(String itemId) throws Exception {
            return neighbours.get(itemId);
        }

        @Override
        public CatalogEntry item(String itemId) throws Exception {
            return items.get(itemId);
        }

        @Override
        public Iterable<java.util.Map.Entry<String, CatalogEntry>> items() throws Exception {
            return items.immutableEntries();
        }

        @Override
        public byte[] modelRecord(String key) throws Exception {
            return models.get(key);
        }
    }

    private static final class WritableCatalog extends ReadOnlyCatalog implements CatalogWriter {
        private final BroadcastState<String, CatalogEntry> items;
        private final BroadcastState<String, byte[]> models;
        private final BroadcastState<String, ItemNeighbours> neighbours;

        WritableCatalog(
                BroadcastState<String, CatalogEntry> items,
                BroadcastState<String, byte[]> models,
                BroadcastState<String, ItemNeighbours> neighbours) {
            super(items, models, neighbours);
            this.items = items;
            this.models = models;
            this.neighbours = neighbours;
        }

        @Override
        public void putNeighbours(String itemId, ItemNeighbours value) throws Exception {
            neighbours.put(itemId, value);
        }

        @Override
        public void removeNeighbours(String itemId) throws Exception {
            neighbours.remove(itemId);
        }

        @Override
        public void putItem(String itemId, CatalogEntry entry) throws Exception {
            items.put(itemId, entry);
        }

        @Override
        public void removeItem(String itemId) throws Exception {
            items.remove(itemId);
        }

        @Override
        public boolean containsItem(String itemId) throws Exception {
            return items.contains(itemId);
        }

        @Override
        public void putModelRecord(String key, byte[] value) throws Exception {
            models.put(key, value);
        }

        @Override
        public void removeModelRecord(String key) throws Exception {
            models.remove(key);
        }

        @Override
        public Iterable<String> modelRecordKeys() throws Exception {
            java.util.List<String> keys = new java.util.ArrayList<>();
            models.entries().forEach(e -> keys.add(e.getKey()));
            return keys;
        }
    }
}
