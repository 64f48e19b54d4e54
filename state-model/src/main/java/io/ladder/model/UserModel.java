package io.ladder.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The online user model: folds a user's click / cart / purchase events into up to K interests, each
 * a GNOLR retrieval vector (MODELS.md sections 3-4), and scores items for the user. Holds only the
 * immutable config and ordinal link, so one instance serves every user and thread; all per-user
 * data lives in the {@link UserState} passed in.
 */
public final class UserModel {
    private final UserModelConfig config;
    private final OrdinalModel ordinal;
    private final InterestClusters clusters;
    private final TouchedItemBlend touched;

    /** Per-interest retrieval query: concatenated unit heads and the interest's share of k. */
    public record InterestQuery(int interest, float[] vector, double weight) {}

    public UserModel(UserModelConfig config, OrdinalModel ordinal) {
        if (ordinal.levels() != config.levels()) {
            throw new IllegalArgumentException(
                    "the ordinal model has "
                            + ordinal.levels()
                            + " levels but the config says "
                            + config.levels()
                            + ": build both from the same item-tower settings");
        }
        this.config = config;
        this.ordinal = ordinal;
        this.clusters = new InterestClusters(config);
        this.touched = new TouchedItemBlend(config);
    }

    public UserModelConfig config() {
        return config;
    }

    public OrdinalModel ordinal() {
        return ordinal;
    }

    /** An empty state with this model's dimensions and model version "". */
    public UserState newState() {
        return new UserState(config.levels(), config.headDim());
    }

    /**
     * An empty state with this model's dimensions, folded under item-tower {@code modelVersion}.
     */
    public UserState newState(String modelVersion) {
        UserState s = newState();
        s.modelVersion = modelVersion;
        return s;
    }

    /**
     * Folds one engagement event into the user's state: the item joins (or opens) an interest,
     * whose heads take one step (SGD on the nested loss with label {@code min(level, T)}, or the
     * moving average), whose weight gains the level's weight after decaying with the half-life; the
     * item is recorded in the recent (and at PURCHASE the purchased) items.
     *
     * @param level ladder level 1 click, 2 cart, 3 purchase ({@link UserModelConfig#CLICK} ..)
     * @param itemVector the item's T concatenated unit heads (length T*h); not retained. Null when
     *     no item-tower version can place the item yet: the event is then only recorded (recent,
     *     purchased, counts), so the user's own items still rank and a later refold can use it.
     */
    public void update(UserState s, int level, String itemId, float[] itemVector, long timeMillis) {
        if (level < 1 || level > UserModelConfig.EVENT_LEVELS) {
            throw new IllegalArgumentException(
                    "level must be 1 (click), 2 (cart) or 3 (purchase), was " + level);
        }
        if (itemId == null) {
            throw new IllegalArgumentException("itemId must not be null");
        }
        if (itemVector != null) {
            checkShapes(s, itemVector);
            fold(s, level, itemVector, timeMillis);
        }
        s.touch(itemId, level, timeMillis, config.recentItems());
        if (level == UserModelConfig.PURCHASE && config.purchasedItems() > 0) {
            s.purchase(itemId, config.purchasedItems());
        }
        s.levelCounts[level - 1]++;
        s.totalEvents++;
    }

    /**
     * Hook for a sampled negative (label 0): one SGD step away from the item for the interest that
     * would retrieve it (the highest inner product). Opens no interest and leaves weights, recent
     * items and counts alone; the MOVING_AVERAGE ablation has no negative signal and only counts
     * it.
     */
    public void negative(UserState s, float[] itemVector, long timeMillis) {
        checkShapes(s, itemVector);
        s.negatives++;
        if (config.updateRule() != UserModelConfig.UpdateRule.SGD) {
            return;
        }
        int nearest = clusters.retrieving(s.interests, itemVector);
        if (nearest >= 0) {
            UserHeadStep.step(
                    ordinal,
                    s.interests.get(nearest).vector,
                    itemVector,
                    config.headDim(),
                    0,
                    config.learningRate());
        }
    }

    /**
     * The model's P(purchase | user, item): the maximum over interests of {@code sigmoid(gamma
     * <U_i, I> - a_T)}, the base rate when the user has no interest yet.
     *
     * <p>Why the maximum and not a weight mixture: interests are alternative tastes, and buying
     * from one does not become less likely because the user also has another. A mixture would scale
     * a strong match in a minor interest down by that interest's share and let the dominant
     * interest swamp the list; the weights already shape the candidate list through each interest's
     * share of k in {@link #queries}, so using them again here would count them twice.
     */
    public double purchaseProbability(UserState s, float[] itemVector) {
        checkShapes(s, itemVector);
        double best = Double.NEGATIVE_INFINITY;
        for (Interest interest : s.interests) {
            best = Math.max(best, UserHeadStep.dot(interest.vector, itemVector));
        }
        double innerProduct = s.interests.isEmpty() ? 0.0 : best;
        return OrdinalModel.sigmoid(ordinal.topLogit(innerProduct));
    }

    /**
     * The model's P(k &gt;= level | user, item), the maximum over interests of {@code
     * sigmoid(z_level)}; the base rate of that level when the user has no interest yet. Level 1 is
     * P(engaged), level T is {@link #purchaseProbability}.
     */
    public double levelProbability(UserState s, float[] itemVector, int level) {
        checkShapes(s, itemVector);
        if (level < 1 || level > config.levels()) {
            throw new IllegalArgumentException(
                    "level must be in 1.." + config.levels() + ", was " + level);
        }
        if (level == config.levels()) {
            return purchaseProbability(s, itemVector); // the same value, one dot product
        }
        double[] cos = new double[config.levels()];
        double[] z = new double[config.levels()];
        double best = Double.NEGATIVE_INFINITY;
        for (Interest interest : s.interests) {
            UserHeadStep.cosines(interest.vector, itemVector, level, config.headDim(), cos);
            ordinal.logits(cos, z);
            best = Math.max(best, z[level - 1]);
        }
        if (s.interests.isEmpty()) {
            ordinal.logits(cos, z); // cos is all zero: the level's base rate
            best = z[level - 1];
        }
        return OrdinalModel.sigmoid(best);
    }

    /**
     * Ranking score of an item for the user at {@code nowMillis}: {@link #purchaseProbability} for
     * an item the user has not touched; for a recent item, the blend of {@link TouchedItemBlend}
     * (model probability, highest level, recency and count, weights from the config). With default
     * weights, touched items rank above untouched ones and among themselves by recency.
     */
    public double score(UserState s, String itemId, float[] itemVector, long nowMillis) {
        return score(s, itemId, itemVector, nowMillis, config.levels());
    }

    /**
     * {@link #score}, with an untouched item scored by {@link #levelProbability} at {@code
     * untouchedLevel} (1: P(engaged)) instead of P(purchase); touched items keep their blend.
     */
    public double score(
            UserState s, String itemId, float[] itemVector, long nowMillis, int untouchedLevel) {
        RecentItem item = s.recentItem(itemId);
        if (item == null) {
            return levelProbability(s, itemVector, untouchedLevel);
        }
        return touched.score(
                purchaseProbability(s, itemVector), item, s.hasPurchased(itemId), nowMillis);
    }

    /**
     * Per-interest retrieval queries, heaviest first: the interest's concatenated unit heads (the
     * inner product with an item vector ranks by P(purchase)) and its weight decayed to {@code
     * nowMillis}, normalised to sum to one (equal shares if every weight decayed to zero).
     */
    public List<InterestQuery> queries(UserState s, long nowMillis) {
        int n = s.interests.size();
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = clusters.weightAt(s.interests.get(i), nowMillis);
            total += w[i];
        }
        List<InterestQuery> queries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double share = total > 0 ? w[i] / total : 1.0 / n;
            queries.add(new InterestQuery(i, s.interests.get(i).vector(), share));
        }
        queries.sort(Comparator.comparingDouble(InterestQuery::weight).reversed());
        return queries;
    }

    /**
     * Rebuilds the interests from the user's recent items under a new item-tower version: heads
     * learned against one version mean nothing against the next. Each recent item is folded in
     * once, oldest first, at its highest level and last time; items {@code itemVectors} does not
     * know (returns null) are skipped. Recent items, purchases and counts are kept as they are. A
     * state of another shape (T or h changed with the tower) takes this model's shape.
     */
    public void refold(UserState s, Function<String, float[]> itemVectors, String newModelVersion) {
        s.interests.clear();
        s.reshape(config.levels(), config.headDim());
        for (RecentItem item : s.recent.values()) {
            float[] vector = itemVectors.apply(item.itemId());
            if (vector == null || vector.length != config.vectorLength()) {
                continue;
            }
            fold(s, item.highestLevel(), vector, item.lastMillis());
        }
        s.modelVersion = newModelVersion;
    }

    /** Assigns the event to an interest and moves that interest. */
    private void fold(UserState s, int level, float[] itemVector, long timeMillis) {
        int label = Math.min(level, config.levels());
        boolean sgd = config.updateRule() == UserModelConfig.UpdateRule.SGD;
        Interest target =
                clusters.assign(
                        s.interests,
                        itemVector,
                        timeMillis,
                        () -> openingHeads(itemVector, sgd ? label : config.levels(), timeMillis));
        if (sgd) {
            UserHeadStep.step(
                    ordinal,
                    target.vector,
                    itemVector,
                    config.headDim(),
                    label,
                    config.learningRate());
        } else {
            double beta =
                    config.movingAverageRate()
                            * config.levelWeight(level)
                            / config.levelWeight(UserModelConfig.PURCHASE);
            UserHeadStep.moveToward(
                    target.vector,
                    itemVector,
                    config.levels(),
                    config.headDim(),
                    Math.min(1.0, beta));
        }
        clusters.addWeight(target, config.levelWeight(level), timeMillis);
    }

    /**
     * Heads of an interest opened by an event at {@code label}: the item's own heads up to the
     * label (the user reached that level with it), and above it a direction orthogonal to the
     * item's head, which adds nothing to the cumulative logits and is where the sphere's gradient
     * is largest. Starting every head at the item's instead would claim a near-certain purchase
     * after one click (for gamma around 5) and park the heads where the projected gradient
     * vanishes. The orthogonal directions come from the config seed mixed with the event, so a
     * replay gives the same state.
     */
    private float[] openingHeads(float[] item, int label, long timeMillis) {
        int h = config.headDim();
        float[] u = item.clone();
        UserHeadStep.normalizeHeads(u, config.levels(), h);
        SplittableRandom random =
                new SplittableRandom(
                        config.seed() * 0x9E3779B97F4A7C15L ^ timeMillis ^ Arrays.hashCode(item));
        for (int t = Math.max(label, 1); t < config.levels(); t++) {
            int off = t * h;
            double along = 0;
            double[] g = new double[h];
            for (int i = 0; i < h; i++) {
                g[i] = random.nextDouble() - 0.5;
                along += g[i] * u[off + i];
            }
            for (int i = 0; i < h; i++) {
                u[off + i] = (float) (g[i] - along * u[off + i]);
            }
        }
        UserHeadStep.normalizeHeads(u, config.levels(), h);
        return u;
    }

    private void checkShapes(UserState s, float[] itemVector) {
        if (itemVector.length != config.vectorLength()) {
            throw new IllegalArgumentException(
                    "item vector has length "
                            + itemVector.length
                            + ", expected T*h = "
                            + config.vectorLength());
        }
        if (s.levels() != config.levels() || s.headDim() != config.headDim()) {
            throw new IllegalArgumentException(
                    "state has "
                            + s.levels()
                            + "x"
                            + s.headDim()
                            + " heads but the model "
                            + config.levels()
                            + "x"
                            + config.headDim()
                            + ": refold it into a new state");
        }
    }
}
