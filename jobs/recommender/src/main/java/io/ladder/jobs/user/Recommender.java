package io.ladder.jobs.user;

import io.ladder.jobs.catalog.ModelContext;
import io.ladder.jobs.config.JobConfig;
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
import io.ladder.trending.TrendingItems;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
public final class Recommender implements AutoCloseable {
    private final JobConfig config;
    private final UserModelConfig modelConfig;
    private final CandidateAssembler assembler;
    private final TrendingItems trending;
    private final RecommenderMetrics metrics;
    private final Clock clock;
    private final UserModel modelless;
    private final CatalogIndex index;
    private final RefreshPolicy refresh;
    private final SourceHitRates hitRates = new SourceHitRates();
    private final SourceFusion fusion = SourceFusion.startingFrom(hitRates);

    private final ServingModel serving;
    private final RetrievedRescorer rescorer;
    private final CatalogChanges catalogChanges;

    public Recommender(JobConfig config, RecommenderMetrics metrics, Clock clock) {
        this.config = config;
        this.modelConfig = config.model();
        this.metrics = metrics;
        this.clock = clock;
        this.assembler =
                new CandidateAssembler(config.listSize(), config.retrieval().dropPurchased());
        this.index = new CatalogIndex(config.retrieval(), config.replay(), clock);
        this.refresh = new RefreshPolicy(config.retrieval());
        this.serving = new ServingModel(config, modelConfig, index, metrics);
        this.catalogChanges = new CatalogChanges(index, serving, metrics);
        this.rescorer = new RetrievedRescorer(config.retrieval(), serving);
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

    /**
     * Stops the item index's build threads (and a background build in progress): a task that is
     * cancelled or restarted must not leave them, and the job's classloader with them, behind.
     */
    @Override
    public void close() {
        index.close();
    }

    public JobConfig config() {
        return config;
    }

    /** The subtask's learned source hit rates (checkpointed by the job's function). */
    public SourceHitRates hitRates() {
        return hitRates;
    }

    /** The subtask's learned ranking over the sources (checkpointed by the job's function). */
    public SourceFusion fusion() {
        return fusion;
    }

    /**
     * Publication time of the item-tower version this subtask serves (epoch ms), or -1 before the
     * first: how old the embeddings behind the lists are.
     */
    public long servingModelCreatedMillis() {
        ModelContext context = serving.context();
        return context == null ? -1 : context.createdMillis();
    }

    /** The subtask's item index, for metrics. */
    public io.ladder.index.IndexStats indexStats() {
        return index.stats();
    }

    /** Applies one catalogue change (broadcast side: every subtask sees the same sequence). */
    public void onCatalog(CatalogRecord record, CatalogWriter catalog) throws Exception {
        catalogChanges.apply(record, catalog);
    }

    public void onEvent(EventRecord event, UserScope user, CatalogView catalog) throws Exception {
        metrics.event();
        if (event.eventTime < user.currentWatermark()) {
            metrics.lateEvent(); // still applied: a late event is still the user's behaviour
        }
        serving.follow(catalog);
        UserState state = loadCurrentState(user, catalog);
        if (event.level == Levels.PURCHASE) {
            learnFromPurchase(event, user, state, catalog); // before the event counts anywhere
        }
        trending.record(
                event.itemId,
                CatalogReads.category(catalog, event.itemId, event.categoryId),
                event.level,
                event.eventTime);
        float[] vector = serving.vectorOf(catalog, event.itemId, event.categoryId);
        if (vector == null) {
            metrics.eventWithoutVector();
            modelless.update(state, event.level, event.itemId, null, event.eventTime);
        } else {
            serving.userModel().update(state, event.level, event.itemId, vector, event.eventTime);
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
                user.deleteFlushTimer(meta.pendingTimer);
                meta.pendingTimer = Long.MIN_VALUE;
            }
            emit(
                    user,
                    state,
                    catalog,
                    meta,
                    Math.max(event.eventTime, meta.lastEmitTime),
                    event.level == Levels.PURCHASE
                            ? RefreshPolicy.Trigger.PURCHASE
                            : RefreshPolicy.Trigger.EVENT);
        } else if (meta.pendingTimer == Long.MIN_VALUE) {
            meta.pendingTimer =
                    user.registerFlushTimer(
                            meta.lastEmitTime + interval,
                            Math.max(1, meta.lastEmitTime + interval - event.eventTime));
        }
        if (meta.expiryTimer == Long.MIN_VALUE) {
            // One inactivity timer per user, pushed forward lazily when it fires: no per-event
            // timer delete, which would cost a RocksDB write each.
            meta.expiryTimer = event.eventTime + config.userInactivityTtl().toMillis();
            user.registerTimer(meta.expiryTimer);
        }
        user.storeEmission(meta);
    }

    /**
     * @param processingTime whether the timer is a processing-time one (only list flushes of a live
     *     job are)
     */
    public void onTimer(long timestamp, boolean processingTime, UserScope user, CatalogView catalog)
            throws Exception {
        EmissionState meta = user.loadEmission();
        if (meta == null) {
            return;
        }
        if (!processingTime && timestamp == meta.expiryTimer) {
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
        if (timestamp == meta.pendingTimer && processingTime == user.flushInProcessingTime()) {
            meta.pendingTimer = Long.MIN_VALUE;
            if (meta.hasUnpublishedEvents()) {
                serving.follow(catalog);
                UserState state = loadCurrentState(user, catalog);
                user.storeState(state);
                emit(user, state, catalog, meta, timestamp, RefreshPolicy.Trigger.TIMER);
            }
        }
        user.storeEmission(meta);
    }

    private void emit(
            UserScope user,
            UserState state,
            CatalogView catalog,
            EmissionState meta,
            long emitTime,
            RefreshPolicy.Trigger trigger)
            throws Exception {
        UserModel scorer = serving.userModel();
        long now = meta.asOf;
        List<CandidateAssembler.Scored> retrieved = List.of();
        Map<Integer, Integer> quotas = Map.of();
        if (scorer != null) {
            List<UserModel.InterestQuery> queries = scorer.queries(state, now);
            quotas = new LinkedHashMap<>();
            for (UserModel.InterestQuery query : queries) {
                quotas.put(query.interest(), serving.retriever().quota(query.weight()));
            }
            RetrievalCache cache = user.loadRetrieval();
            if (!refresh.shouldRequery(cache, queries, trigger, serving.context().version(), now)) {
                metrics.rescoredOnly();
            } else if (index.ensureCurrent(catalog.items(), serving.context())) {
                cache = retrieve(queries, state, now);
                user.storeRetrieval(cache);
                metrics.indexQueries(queries.size());
            } else {
                // The index is still being built (after a restore or a new item-tower version):
                // the user's last retrieved items, re-scored, stand in, and are not stored, so the
                // next list queries again.
                metrics.indexNotReady();
            }
            if (cache != null) {
                retrieved = rescorer.rescore(scorer, state, catalog, cache, now);
            }
        }
        List<Candidate> candidates =
                assembler.assemble(sources(scorer, state, catalog, retrieved, quotas, now), fusion);
        user.emit(
                CandidateList.newBuilder()
                        .setUserId(user.userId())
                        .setCandidates(candidates)
                        .setModelVersion(
                                serving.context() == null ? "" : serving.context().version())
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

    /** Each source's ranking of the user's candidates (see {@link CandidateAssembler}). */
    private CandidateAssembler.SourceLists sources(
            UserModel scorer,
            UserState state,
            CatalogView catalog,
            List<CandidateAssembler.Scored> retrieved,
            Map<Integer, Integer> quotas,
            long now) {
        return assembler.sources(
                state,
                scorer == null ? null : recent -> score(scorer, state, catalog, recent, now),
                retrieved,
                quotas,
                trending,
                id -> CatalogReads.category(catalog, id, null),
                config.coEngagement().enabled() ? id -> CatalogReads.neighbours(catalog, id) : null,
                config.coEngagement().history(),
                config.coEngagement().popularityExponent(),
                id -> CatalogReads.known(catalog, id),
                now);
    }

    /**
     * Before a purchase is applied: where the bought item stood in each source's ranking of the
     * user as their last list saw them (state and retrieved items before the event), so the
     * sources' hit rates follow what people buy.
     */
    private void learnFromPurchase(
            EventRecord event, UserScope user, UserState state, CatalogView catalog)
            throws Exception {
        UserModel scorer = serving.userModel();
        if (scorer == null) {
            return;
        }
        long now = event.eventTime;
        List<CandidateAssembler.Scored> retrieved = List.of();
        Map<Integer, Integer> quotas = new LinkedHashMap<>();
        RetrievalCache cache = user.loadRetrieval();
        if (cache != null && serving.context().version().equals(cache.modelVersion)) {
            for (UserModel.InterestQuery query : scorer.queries(state, now)) {
                quotas.put(query.interest(), serving.retriever().quota(query.weight()));
            }
            retrieved = rescorer.rescore(scorer, state, catalog, cache, now);
        }
        CandidateAssembler.SourceLists lists =
                sources(scorer, state, catalog, retrieved, quotas, now);
        hitRates.record(
                lists.rankOf(SourceHitRates.Source.TOUCHED, event.itemId),
                lists.rankOf(SourceHitRates.Source.RETRIEVED, event.itemId),
                lists.rankOf(SourceHitRates.Source.TRENDING, event.itemId),
                lists.rankOf(SourceHitRates.Source.CO_ENGAGED, event.itemId));
        fusion.learnFromPurchase(event.eventId, event.itemId, lists);
    }

    private RetrievalCache retrieve(
            List<UserModel.InterestQuery> queries, UserState state, long now) {
        boolean dropPurchased = config.retrieval().dropPurchased();
        return serving.retrieve(
                queries, index, id -> !(dropPurchased && state.hasPurchased(id)), now);
    }

    private Double score(
            UserModel scorer, UserState state, CatalogView catalog, RecentItem recent, long now) {
        float[] vector = serving.vectorOf(catalog, recent.itemId(), null);
        return vector == null ? null : scorer.score(state, recent.itemId(), vector, now);
    }

    private static double[] neutralBaseRates(int levels) {
        double[] rates = new double[levels];
        for (int j = 0; j < levels; j++) {
            rates[j] = 0.5 / (j + 1);
        }
        return rates;
    }

    /**
     * The user's state under the item-tower version in use: heads learned against another version
     * mean nothing here, so a user still folded under an older one is re-folded from their recent
     * items first (lazily, on their next event or timer, not all users at once).
     */
    private UserState loadCurrentState(UserScope user, CatalogView catalog) throws Exception {
        UserState state = loadState(user);
        if (serving.userModel() != null
                && !serving.context().version().equals(state.modelVersion())) {
            serving.userModel()
                    .refold(
                            state,
                            id -> serving.vectorOf(catalog, id, null),
                            serving.context().version());
            metrics.refold();
        }
        return state;
    }

    private UserState loadState(UserScope user) throws Exception {
        UserState state = user.loadState();
        if (state != null) {
            return state;
        }
        // A new user starts under the version in use, so there is nothing to re-fold.
        return serving.userModel() == null
                ? new UserState(modelConfig.levels(), modelConfig.headDim())
                : serving.userModel().newState(serving.context().version());
    }
}
