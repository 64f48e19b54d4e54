package io.ladder.jobs.user;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ModelContext;
import io.ladder.jobs.catalog.ModelVersionOrder;
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
import io.ladder.schemas.CandidateSource;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.Codecs;
import io.ladder.trending.TrendingItems;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(Recommender.class);
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
    private InterestRetriever retriever;

    private byte[] modelBytes;
    private ModelContext model;
    private UserModel userModel;

    public Recommender(JobConfig config, RecommenderMetrics metrics, Clock clock) {
        this.config = config;
        this.modelConfig = ModelOptions.toConfig(config.model());
        this.metrics = metrics;
        this.clock = clock;
        this.assembler =
                new CandidateAssembler(config.listSize(), config.retrieval().dropPurchased());
        this.index = new CatalogIndex(config.retrieval(), config.replay(), clock);
        this.refresh = new RefreshPolicy(config.retrieval());
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

    /** The subtask's item index, for metrics. */
    public io.ladder.index.IndexStats indexStats() {
        return index.stats();
    }

    public void onEvent(EventRecord event, UserScope user, CatalogView catalog) throws Exception {
        metrics.event();
        if (event.eventTime < user.currentWatermark()) {
            metrics.lateEvent(); // still applied: a late event is still the user's behaviour
        }
        refreshModel(catalog);
        UserState state = loadCurrentState(user, catalog);
        if (event.level == Levels.PURCHASE) {
            learnFromPurchase(event, user, state, catalog); // before the event counts anywhere
        }
        trending.record(
                event.itemId,
                categoryOf(catalog, event.itemId, event.categoryId),
                event.level,
                event.eventTime);
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
                refreshModel(catalog);
                UserState state = loadCurrentState(user, catalog);
                user.storeState(state);
                emit(user, state, catalog, meta, timestamp, RefreshPolicy.Trigger.TIMER);
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
                    catalog.removeNeighbours(record.itemId);
                    index.remove(record.itemId);
                } else {
                    CatalogEntry entry =
                            new CatalogEntry(
                                    record.categoryId,
                                    record.vector,
                                    record.modelVersion,
                                    record.popularity);
                    catalog.putItem(record.itemId, entry);
                    if (model != null) {
                        index.upsert(record.itemId, entry, model);
                    }
                }
            }
            case ANNOUNCED -> {
                if (!catalog.containsItem(record.itemId)) {
                    CatalogEntry entry = new CatalogEntry(record.categoryId, null, null, 0f);
                    catalog.putItem(record.itemId, entry);
                    if (model != null) {
                        index.upsert(record.itemId, entry, model);
                    }
                }
            }
            case RETIRED -> {
                // Only an announced-only entry goes: the items topic's record may overtake the
                // retirement on its way here (another upstream channel), and a published item
                // must never be lost to it.
                CatalogEntry entry = catalog.item(record.itemId);
                if (entry != null && entry.vector == null && entry.modelVersion == null) {
                    catalog.removeItem(record.itemId);
                    catalog.removeNeighbours(record.itemId);
                    index.remove(record.itemId);
                }
            }
            case NEIGHBOURS -> {
                // Only for items the catalogue holds: it bounds the published and announced
                // items, and so this state; neighbours of an item it dropped are dropped too.
                if (record.neighbours == null
                        || record.neighbours.size() == 0
                        || !catalog.containsItem(record.itemId)) {
                    catalog.removeNeighbours(record.itemId);
                } else {
                    catalog.putNeighbours(record.itemId, record.neighbours);
                }
            }
            case MODEL -> applyModel(record.payload, catalog);
            case REJECTED -> {
                // Split off before this operator.
            }
        }
    }

    /** A version becomes current only if it is the newest (see {@link ModelVersionOrder}). */
    private void applyModel(byte[] encoded, CatalogWriter catalog) throws Exception {
        byte[] currentBytes = catalog.currentModel();
        ModelInfo candidate = Codecs.MODEL_INFO.decode(encoded);
        ModelInfo current = currentBytes == null ? null : Codecs.MODEL_INFO.decode(currentBytes);
        switch (ModelVersionOrder.decide(current, candidate)) {
            case ADOPT -> {
                catalog.putModel(encoded);
                refreshModel(catalog); // the index follows the new version at the next query
            }
            case IGNORE_OLDER -> {
                metrics.modelIgnored();
                LOG.warn(
                        "Item-tower version {} ({}) ignored: {} ({}) is newer and stays current",
                        candidate.getModelVersion(),
                        candidate.getCreatedTime(),
                        current.getModelVersion(),
                        current.getCreatedTime());
            }
            case REFUSE_CONFLICT -> {
                metrics.modelRefused();
                LOG.warn(
                        "Item-tower version {} refused: published again with {} levels x {}, but"
                                + " the version in use has {} x {} (publish a new version instead)",
                        candidate.getModelVersion(),
                        candidate.getLevels(),
                        candidate.getHeadDim(),
                        current.getLevels(),
                        current.getHeadDim());
            }
        }
    }

    private void emit(
            UserScope user,
            UserState state,
            CatalogView catalog,
            EmissionState meta,
            long emitTime,
            RefreshPolicy.Trigger trigger)
            throws Exception {
        UserModel scorer = userModel;
        long now = meta.asOf;
        List<CandidateAssembler.Scored> retrieved = List.of();
        Map<Integer, Integer> quotas = Map.of();
        if (scorer != null) {
            List<UserModel.InterestQuery> queries = scorer.queries(state, now);
            quotas = new LinkedHashMap<>();
            for (UserModel.InterestQuery query : queries) {
                quotas.put(query.interest(), retriever.quota(query.weight()));
            }
            RetrievalCache cache = user.loadRetrieval();
            if (!refresh.shouldRequery(cache, queries, trigger, model.version(), now)) {
                metrics.rescoredOnly();
            } else if (index.ensureCurrent(catalog.items(), model)) {
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
                retrieved = rescore(scorer, state, catalog, cache, now);
            }
        }
        List<Candidate> candidates =
                assembler.assemble(sources(scorer, state, catalog, retrieved, quotas, now), fusion);
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
                id -> categoryOf(catalog, id, null),
                config.coEngagement().enabled() ? id -> neighboursOf(catalog, id) : null,
                config.coEngagement().history(),
                config.coEngagement().popularityExponent(),
                id -> known(catalog, id),
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
        UserModel scorer = userModel;
        if (scorer == null) {
            return;
        }
        long now = event.eventTime;
        List<CandidateAssembler.Scored> retrieved = List.of();
        Map<Integer, Integer> quotas = new LinkedHashMap<>();
        RetrievalCache cache = user.loadRetrieval();
        if (cache != null && model.version().equals(cache.modelVersion)) {
            for (UserModel.InterestQuery query : scorer.queries(state, now)) {
                quotas.put(query.interest(), retriever.quota(query.weight()));
            }
            retrieved = rescore(scorer, state, catalog, cache, now);
        }
        CandidateAssembler.SourceLists lists =
                sources(scorer, state, catalog, retrieved, quotas, now);
        hitRates.record(
                lists.rankOf(SourceHitRates.Source.TOUCHED, event.itemId),
                lists.rankOf(SourceHitRates.Source.RETRIEVED, event.itemId),
                lists.rankOf(SourceHitRates.Source.TRENDING, event.itemId),
                lists.rankOf(SourceHitRates.Source.CO_ENGAGED, event.itemId));
        learnFusion(event, lists);
    }

    /**
     * The fused ranking learns from this purchase: the bought item's positions against a sample of
     * the user's other candidates, drawn by a seed of the event id (the same on a replay). A
     * purchase no source held says nothing about how to order them, and is skipped.
     */
    private void learnFusion(EventRecord event, CandidateAssembler.SourceLists lists) {
        Map<String, int[]> positions = lists.positions();
        int[] bought = positions.remove(event.itemId);
        if (bought == null) {
            return;
        }
        List<int[]> others = new ArrayList<>(positions.values());
        if (others.isEmpty()) {
            fusion.learn(bought, List.of(), 0);
            return;
        }
        SplittableRandom random =
                new SplittableRandom(event.eventId.hashCode() * 0x9E3779B97F4A7C15L);
        int n = Math.min(SourceFusion.NEGATIVES, others.size());
        List<int[]> negatives = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(others.size() - i);
            int[] picked = others.get(j);
            others.set(j, others.get(i));
            others.set(i, picked);
            negatives.add(picked);
        }
        fusion.learn(bought, negatives, (double) others.size() / n);
    }

    private RetrievalCache retrieve(
            List<UserModel.InterestQuery> queries, UserState state, long now) {
        boolean dropPurchased = config.retrieval().dropPurchased();
        List<InterestRetriever.Retrieved> hits =
                retriever.retrieve(
                        queries, index, id -> !(dropPurchased && state.hasPurchased(id)));
        RetrievalCache cache = new RetrievalCache();
        cache.itemIds = new String[hits.size()];
        cache.interests = new int[hits.size()];
        for (int i = 0; i < hits.size(); i++) {
            cache.itemIds[i] = hits.get(i).itemId();
            cache.interests[i] = hits.get(i).interest();
        }
        cache.dimension = model.dimension();
        cache.queries = new float[queries.size() * cache.dimension];
        for (int i = 0; i < queries.size(); i++) {
            System.arraycopy(
                    queries.get(i).vector(),
                    0,
                    cache.queries,
                    i * cache.dimension,
                    cache.dimension);
        }
        cache.retrievedAt = now;
        cache.modelVersion = model.version();
        return cache;
    }

    /** Scores the cached candidates with the user's current state: the cheap refresh. */
    private List<CandidateAssembler.Scored> rescore(
            UserModel scorer,
            UserState state,
            CatalogView catalog,
            RetrievalCache cache,
            long now) {
        List<CandidateAssembler.Scored> out = new ArrayList<>(cache.itemIds.length);
        int untouchedLevel = config.retrieval().rankByEngagement() ? 1 : scorer.config().levels();
        for (int i = 0; i < cache.itemIds.length; i++) {
            float[] vector = vectorOf(catalog, cache.itemIds[i], null);
            if (vector != null) {
                out.add(
                        new CandidateAssembler.Scored(
                                cache.itemIds[i],
                                scorer.score(state, cache.itemIds[i], vector, now, untouchedLevel),
                                CandidateSource.INTEREST,
                                cache.interests[i]));
            }
        }
        return out;
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

    private static io.ladder.jobs.catalog.ItemNeighbours neighboursOf(
            CatalogView catalog, String itemId) {
        try {
            return catalog.neighbours(itemId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the catalogue", e);
        }
    }

    private static boolean known(CatalogView catalog, String itemId) {
        try {
            return catalog.item(itemId) != null;
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
        retriever =
                new InterestRetriever(
                        config.listSize(),
                        config.retrieval().minQuota(),
                        config.retrieval().oversample(),
                        config.retrieval().queryEngagementOnly() ? 1 : model.levels(),
                        model.headDim());
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
        if (userModel != null && !model.version().equals(state.modelVersion())) {
            userModel.refold(state, id -> vectorOf(catalog, id, null), model.version());
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
        return userModel == null
                ? new UserState(modelConfig.levels(), modelConfig.headDim())
                : userModel.newState(model.version());
    }
}
