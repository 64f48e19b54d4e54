package io.ladder.jobs.user;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ModelContext;
import io.ladder.jobs.config.JobConfig;
import io.ladder.jobs.config.ModelOptions;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.ingest.Levels;
import io.ladder.model.OrdinalModel;
import io.ladder.model.RecentItem;
import io.ladder.model.UserModel;
import io.ladder.model.UserModelConfig;
import io.ladder.model.UserState;
import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.codec.Codecs;
import io.ladder.trending.TrendingItems;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Folds one user's events into their model state and builds their candidate lists. One instance per
 * subtask (it holds the subtask's trending counts and decoded model version); per-user data lives
 * only in the {@link UserScope}. No Flink imports: the job's function and the evaluation's replay
 * both drive this class, so the evaluation scores exactly what production emits.
 *
 * <p>Lists are coalesced in event time: an event emits at once when the last list is at least
 * {@code list.min-interval} older than it, or when it is a purchase (the bought item must leave the
 * list now); otherwise one timer emits a single list for the burst. Users inactive for {@code
 * user.inactivity-ttl} of event time are dropped by a timer.
 */
public final class Recommender {
    private final JobConfig config;
    private final UserModelConfig modelConfig;
    private final CandidateAssembler assembler;
    private final TrendingItems trending;
    private final RecommenderMetrics metrics;
    private final Clock clock;
    private final UserModel modelless;

    private byte[] modelBytes;
    private ModelContext model;
    private UserModel userModel;

    public Recommender(JobConfig config, RecommenderMetrics metrics, Clock clock) {
        this.config = config;
        this.modelConfig = ModelOptions.toConfig(config.model());
        this.metrics = metrics;
        this.clock = clock;
        this.assembler = new CandidateAssembler(config.listSize(), true);
        // Each subtask sees a hash-partitioned 1/p sample of users, a fair sample of item
        // popularity; it is rebuilt from traffic after a restore rather than checkpointed.
        this.trending =
                new TrendingItems(
                        config.trendingHalfLife().toMillis(), config.trendingSize() * 4, 64, 2_000);
        // Before any item-tower version is known, events are only recorded (recent items, counts):
        // the ordinal link is never evaluated then, so neutral base rates do.
        this.modelless =
                new UserModel(
                        modelConfig,
                        OrdinalModel.fromBaseRates(
                                1.0,
                                neutralBaseRates(modelConfig.levels()),
                                OrdinalModel.Loss.NESTED));
    }

    public void onEvent(EventRecord event, UserScope user, CatalogView catalog) throws Exception {
        metrics.event();
        if (event.eventTime < user.currentWatermark()) {
            metrics.lateEvent(); // still applied: a late event is still the user's behaviour
        }
        refreshModel(catalog);
        trending.record(
                event.itemId,
                categoryOf(catalog, event.itemId, event.categoryId),
                event.level,
                event.eventTime);

        UserState state = loadState(user);
        if (userModel != null && !model.version().equals(state.modelVersion())) {
            // Heads learned against another item-tower version mean nothing here: re-fold.
            userModel.refold(state, id -> vectorOf(catalog, id, null), model.version());
            metrics.refold();
        }
        float[] vector = vectorOf(catalog, event.itemId, event.categoryId);
        if (vector == null) {
            metrics.eventWithoutVector();
            modelless.update(state, event.level, event.itemId, null, event.eventTime);
        } else {
            userModel.update(state, event.level, event.itemId, vector, event.eventTime);
        }
        user.storeState(state);

        EmissionState meta = user.loadEmission();
        if (meta == null) {
            meta = new EmissionState();
        }
        meta.sequence++;
        meta.asOf = Math.max(meta.asOf, event.eventTime);
        meta.pendingAppendTime = Math.max(meta.pendingAppendTime, event.appendTime);
        long interval = config.listMinInterval().toMillis();
        boolean due =
                meta.lastEmitTime == Long.MIN_VALUE
                        || event.eventTime >= meta.lastEmitTime + interval;
        if (event.level == Levels.PURCHASE || due) {
            if (meta.pendingTimer != Long.MIN_VALUE) {
                user.deleteTimer(meta.pendingTimer);
                meta.pendingTimer = Long.MIN_VALUE;
            }
            emit(user, state, catalog, meta, Math.max(event.eventTime, meta.lastEmitTime));
        } else if (meta.pendingTimer == Long.MIN_VALUE) {
            meta.pendingTimer = meta.lastEmitTime + interval;
            user.registerTimer(meta.pendingTimer);
        }
        if (meta.expiryTimer == Long.MIN_VALUE) {
            // One inactivity timer per user, pushed forward lazily when it fires: no per-event
            // timer delete, which would cost a RocksDB write each.
            meta.expiryTimer = event.eventTime + config.userInactivityTtl().toMillis();
            user.registerTimer(meta.expiryTimer);
        }
        user.storeEmission(meta);
    }

    public void onTimer(long timestamp, UserScope user, CatalogView catalog) throws Exception {
        EmissionState meta = user.loadEmission();
        if (meta == null) {
            return;
        }
        if (timestamp == meta.expiryTimer) {
            long inactiveUntil = meta.asOf + config.userInactivityTtl().toMillis();
            if (inactiveUntil <= timestamp) {
                // Deliberate: an inactive user's state goes, to bound state size; their list in
                // Redis expires by its own TTL, which is configured not to outlive this one.
                user.clear();
                metrics.userExpired();
                return;
            }
            meta.expiryTimer = inactiveUntil;
            user.registerTimer(inactiveUntil);
        }
        if (timestamp == meta.pendingTimer) {
            meta.pendingTimer = Long.MIN_VALUE;
            if (meta.hasUnpublishedEvents()) {
                refreshModel(catalog);
                emit(user, loadState(user), catalog, meta, timestamp);
            }
        }
        user.storeEmission(meta);
    }

    /** Applies one catalogue change (broadcast side: every subtask sees the same sequence). */
    public void onCatalog(CatalogRecord record, CatalogWriter catalog) throws Exception {
        switch (record.kind) {
            case ITEM -> {
                if (record.deleted) {
                    catalog.removeItem(record.itemId);
                } else {
                    catalog.putItem(
                            record.itemId,
                            new CatalogEntry(
                                    record.categoryId,
                                    record.vector,
                                    record.modelVersion,
                                    record.popularity));
                }
            }
            case ANNOUNCED -> {
                if (!catalog.containsItem(record.itemId)) {
                    catalog.putItem(
                            record.itemId, new CatalogEntry(record.categoryId, null, null, 0f));
                }
            }
            case MODEL -> catalog.putModel(record.payload);
            case REJECTED -> {
                // Split off before this operator.
            }
        }
    }

    private void emit(
            UserScope user,
            UserState state,
            CatalogView catalog,
            EmissionState meta,
            long emitTime) {
        UserModel scorer = userModel;
        long now = meta.asOf;
        List<Candidate> candidates =
                assembler.assemble(
                        state,
                        scorer == null
                                ? null
                                : recent -> score(scorer, state, catalog, recent, now),
                        List.of(),
                        trending,
                        id -> categoryOf(catalog, id, null),
                        now);
        user.emit(
                CandidateList.newBuilder()
                        .setUserId(user.userId())
                        .setCandidates(candidates)
                        .setModelVersion(model == null ? "" : model.version())
                        .setGeneratedTime(Instant.ofEpochMilli(clock.millis()))
                        .setAsOf(Instant.ofEpochMilli(meta.asOf))
                        .setSequence(meta.sequence)
                        .setSourceTime(Instant.ofEpochMilli(Math.max(0L, meta.pendingAppendTime)))
                        .build());
        metrics.listEmitted();
        meta.lastEmitTime = emitTime;
        meta.lastEmittedSequence = meta.sequence;
        meta.pendingAppendTime = Long.MIN_VALUE;
    }

    private Double score(
            UserModel scorer, UserState state, CatalogView catalog, RecentItem recent, long now) {
        float[] vector = vectorOf(catalog, recent.itemId(), null);
        return vector == null ? null : scorer.score(state, recent.itemId(), vector, now);
    }

    private float[] vectorOf(CatalogView catalog, String itemId, String categoryHint) {
        if (model == null) {
            return null;
        }
        try {
            return model.vectorFor(catalog.item(itemId), categoryHint);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the catalogue", e);
        }
    }

    private static String categoryOf(CatalogView catalog, String itemId, String hint) {
        try {
            CatalogEntry entry = catalog.item(itemId);
            return entry != null && entry.categoryId != null ? entry.categoryId : hint;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the catalogue", e);
        }
    }

    private void refreshModel(CatalogView catalog) throws Exception {
        byte[] encoded = catalog.currentModel();
        // Identity, not content: the catalogue hands back the same array until a new version
        // arrives, and comparing contents would touch megabytes of category heads per event.
        if (encoded == null || encoded == modelBytes) {
            return;
        }
        model = ModelContext.of(Codecs.MODEL_INFO.decode(encoded));
        userModel =
                new UserModel(
                        modelConfig.toBuilder()
                                .levels(model.levels())
                                .headDim(model.headDim())
                                .build(),
                        model.ordinal());
        modelBytes = encoded;
    }

    private static double[] neutralBaseRates(int levels) {
        double[] rates = new double[levels];
        for (int j = 0; j < levels; j++) {
            rates[j] = 0.5 / (j + 1);
        }
        return rates;
    }

    private UserState loadState(UserScope user) throws Exception {
        UserState state = user.loadState();
        if (state != null) {
            return state;
        }
        return model == null
                ? new UserState(modelConfig.levels(), modelConfig.headDim())
                : new UserState(model.levels(), model.headDim());
    }
}
