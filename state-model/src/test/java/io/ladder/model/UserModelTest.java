package io.ladder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UserModelTest extends UserModelTestBase {
    private static final int T = 3;
    private static final int H = UserModelConfig.DEFAULT_HEAD_DIM;
    private static final double SPREAD = 0.6;
    private final UserModel model = model(UserModelConfig.defaults());

    /** A user with one taste folded in from 30 mixed events, and a fresh item of that taste. */
    private UserState oneTasteUser(Random random, float[] taste) {
        UserState s = model.newState();
        for (int e = 0; e < 30; e++) {
            model.update(
                    s,
                    typicalLevel(random),
                    "i" + e,
                    near(taste, SPREAD, random, T, H),
                    T0 + e * MINUTE);
        }
        return s;
    }

    @Test
    void aPurchaseRaisesPurchaseProbabilityMoreThanAClick() {
        Random random = new Random(31);
        for (int trial = 0; trial < 20; trial++) {
            float[] taste = randomHeads(random, T, H);
            UserState before = oneTasteUser(random, taste);
            float[] v = near(taste, SPREAD, random, T, H);
            double p0 = model.purchaseProbability(before, v);
            UserState clicked = before.copy();
            UserState bought = before.copy();
            model.update(clicked, UserModelConfig.CLICK, "v", v, T0 + DAY);
            model.update(bought, UserModelConfig.PURCHASE, "v", v, T0 + DAY);
            assertThat(bought.interests()).as("v joined the existing interest").hasSize(1);
            double afterPurchase = model.purchaseProbability(bought, v) - p0;
            double afterClick = model.purchaseProbability(clicked, v) - p0;
            assertThat(afterPurchase).isPositive().isGreaterThan(afterClick);
        }
    }

    /**
     * The brief's claim for a user fitted on a taste, at a scale where probabilities are not
     * saturated (gamma = 2). At gamma = 5 the fitted P(k >= 1) sits near 0.95 and a click lowers it
     * by about 0.002 instead: head 1 also enters z_2, and once P(k >= 1) + P(k >= 2) > 1 the "not
     * carted" part of the nested loss outweighs the "engaged" part on that head (see the sweep
     * below for the exact condition).
     */
    @Test
    void aClickRaisesEngagementAndLowersCartGivenEngagement() {
        UserModel unsaturated =
                new UserModel(
                        UserModelConfig.defaults(),
                        OrdinalModel.fromBaseRates(2.0, BASE_RATES, OrdinalModel.Loss.NESTED));
        Random random = new Random(32);
        int conditionalFell = 0;
        int joined = 0;
        double meanConditionalChange = 0;
        for (int trial = 0; trial < 24; trial++) {
            float[] taste = randomHeads(random, T, H);
            UserState s = unsaturated.newState();
            for (int e = 0; e < 30; e++) {
                float[] item = near(taste, SPREAD, random, T, H);
                unsaturated.update(s, typicalLevel(random), "i" + e, item, T0 + e * MINUTE);
            }
            float[] v = near(taste, SPREAD, random, T, H);
            UserState before = s.copy();
            unsaturated.update(s, UserModelConfig.CLICK, "v", v, T0 + DAY);
            if (s.interests().size() > before.interests().size()) {
                continue; // v opened an interest of its own: no fitted interest to compare
            }
            int k = joinedInterest(s, T0 + DAY);
            double[] p0 =
                    cumulative(unsaturated.ordinal(), before.interests().get(k).vector(), v, H);
            double[] p1 = cumulative(unsaturated.ordinal(), s.interests().get(k).vector(), v, H);
            assertThat(p1[0]).as("P(k>=1)").isGreaterThan(p0[0]);
            double change = p1[1] / p1[0] - p0[1] / p0[0];
            joined++;
            meanConditionalChange += change;
            if (change < 0) {
                conditionalFell++;
            }
        }
        // The sphere's (1 - c_t^2) factors can leave the ratio flat when the cart head is nearly
        // aligned; on average and in nearly every trial it falls.
        assertThat(joined).isGreaterThanOrEqualTo(20);
        assertThat(conditionalFell).as("P(k>=2 | k>=1) fell").isGreaterThanOrEqualTo(joined - 2);
        assertThat(meanConditionalChange / joined).isLessThan(-0.005);
    }

    /**
     * Exact condition: a click moves head 1 toward the item iff dL/dz_1 + dL/dz_2 < 0, which holds
     * whenever P(k >= 1) + P(k >= 2) <= 1 (p(1-p) is larger at p1 than at p2 then).
     */
    @Test
    void aClickRaisesEngagementWheneverEngagementAndCartProbabilitiesSumToAtMostOne() {
        Random random = new Random(41);
        OrdinalModel ordinal = model.ordinal();
        int checked = 0;
        for (int trial = 0; trial < 8000; trial++) {
            float[] v = randomHeads(random, T, H);
            float[] u = near(v, 4 * random.nextDouble(), random, T, H);
            double[] before = cumulative(ordinal, u, v, H);
            if (before[0] + before[1] > 1 || before[0] - before[1] < 1e-3) {
                continue;
            }
            float[] purchaseHead = java.util.Arrays.copyOfRange(u, 2 * H, 3 * H);
            UserHeadStep.step(ordinal, u, v, H, UserModelConfig.CLICK, 0.05);
            assertThat(cumulative(ordinal, u, v, H)[0]).isGreaterThan(before[0]);
            // The purchase head enters only z_3, which a label of 1 does not touch.
            assertThat(java.util.Arrays.copyOfRange(u, 2 * H, 3 * H)).isEqualTo(purchaseHead);
            checked++;
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    void aSampledNegativeLowersThePurchaseProbabilityOfThatItem() {
        Random random = new Random(33);
        float[] taste = randomHeads(random, T, H);
        UserState s = oneTasteUser(random, taste);
        float[] v = near(taste, SPREAD, random, T, H);
        double p0 = model.purchaseProbability(s, v);
        long events = s.totalEvents();
        double weight = s.interests().get(0).weight();
        model.negative(s, v, T0 + DAY);
        assertThat(model.purchaseProbability(s, v)).isLessThan(p0);
        assertThat(s.negatives()).isEqualTo(1);
        assertThat(s.totalEvents()).isEqualTo(events);
        assertThat(s.interests().get(0).weight()).isEqualTo(weight);
        assertThat(s.recentItem("v")).isNull();
    }

    @Test
    void anEmptyUserScoresTheBaseRate() {
        UserState s = model.newState();
        float[] v = randomHeads(new Random(34), T, H);
        assertThat(model.score(s, "x", v, T0)).isEqualTo(BASE_RATES[2], within(1e-12));
        assertThat(model.queries(s, T0)).isEmpty();
    }

    @Test
    void withDefaultWeightsTouchedItemsRankFirstAndByRecency() {
        Random random = new Random(35);
        float[] taste = randomHeads(random, T, H);
        UserState s = oneTasteUser(random, taste);
        float[] old = near(taste, SPREAD, random, T, H);
        float[] mid = near(taste, SPREAD, random, T, H);
        float[] recent = near(taste, SPREAD, random, T, H);
        model.update(s, UserModelConfig.PURCHASE, "old", old, T0 + DAY);
        model.update(s, UserModelConfig.CART, "mid", mid, T0 + DAY + MINUTE);
        model.update(s, UserModelConfig.CLICK, "recent", recent, T0 + DAY + 2 * MINUTE);
        long now = T0 + 2 * DAY;
        double sOld = model.score(s, "old", old, now);
        double sMid = model.score(s, "mid", mid, now);
        double sRecent = model.score(s, "recent", recent, now);
        assertThat(sRecent).isGreaterThan(sMid);
        assertThat(sMid).isGreaterThan(sOld);
        // An untouched item scores its purchase probability, below every touched item.
        float[] fresh = near(taste, 0.1, random, T, H);
        double sFresh = model.score(s, "fresh", fresh, now);
        assertThat(sFresh).isEqualTo(model.purchaseProbability(s, fresh)).isLessThan(sOld);
    }

    /**
     * Score of a bought item minus that of a clicked one, a day after {@link #T0}, for a user who
     * did only those two things (in time order); item vectors drawn from {@code seed}.
     */
    private static double boughtMinusClicked(
            UserModel m, long boughtAt, long clickedAt, long seed) {
        Random random = new Random(seed);
        int levels = m.config().levels();
        float[] bought = randomHeads(random, levels, H);
        float[] clicked = randomHeads(random, levels, H);
        UserState s = m.newState();
        if (boughtAt <= clickedAt) {
            m.update(s, UserModelConfig.PURCHASE, "bought", bought, boughtAt);
            m.update(s, UserModelConfig.CLICK, "clicked", clicked, clickedAt);
        } else {
            m.update(s, UserModelConfig.CLICK, "clicked", clicked, clickedAt);
            m.update(s, UserModelConfig.PURCHASE, "bought", bought, boughtAt);
        }
        return m.score(s, "bought", bought, T0 + DAY) - m.score(s, "clicked", clicked, T0 + DAY);
    }

    @Test
    void blendWeightsFromTheConfigChangeTheTouchedOrder() {
        UserModelConfig byLevel =
                UserModelConfig.builder().touchedRecencyWeight(0).touchedLevelWeight(1).build();
        assertThat(boughtMinusClicked(model(byLevel), T0, T0 + DAY, 36)).isPositive();
        // The default model ranks the same two by recency instead.
        assertThat(boughtMinusClicked(model, T0, T0 + DAY, 36)).isNegative();
    }

    @Test
    void thePurchasedWeightMovesBoughtItemsBelowItemsNotYetBought() {
        UserModelConfig demoteBought = UserModelConfig.builder().touchedPurchasedWeight(-2).build();
        // Bought a minute after the click: the newer one ranks first by default...
        assertThat(boughtMinusClicked(model, T0 + MINUTE, T0, 40)).isPositive();
        // ...and below the clicked item once purchases are demoted.
        assertThat(boughtMinusClicked(model(demoteBought), T0 + MINUTE, T0, 40)).isNegative();
    }

    @Test
    void aOneLevelModelSeesEveryEngagementAsTheSameLevelInTheBlend() {
        // The binary ablation cannot tell a purchase from a click: its level term must not either,
        // or the ablation would borrow the ordinal signal it is meant to lack.
        UserModelConfig binaryByLevel =
                UserModelConfig.builder()
                        .levels(1)
                        .touchedRecencyWeight(0)
                        .touchedLevelWeight(1)
                        .build();
        // Model weight and recency weight are zero: the level term alone would order them.
        assertThat(boughtMinusClicked(model(binaryByLevel), T0, T0 + DAY, 38)).isZero();
    }

    @Test
    void levelProbabilityIsTheNestedModelsCumulativeProbabilityAtTheBestInterest() {
        Random random = new Random(39);
        float[] taste = randomHeads(random, T, H);
        UserState s = oneTasteUser(random, taste);
        float[] item = near(taste, SPREAD, random, T, H);
        // The top level is the purchase probability the ranking uses.
        assertThat(model.levelProbability(s, item, T))
                .isEqualTo(model.purchaseProbability(s, item), within(1e-9));
        // With one interest, level j is that interest's P(k >= j).
        double[] expected = cumulative(ordinal(T), s.interests.get(0).vector, item, H);
        for (int level = 1; level <= T; level++) {
            assertThat(model.levelProbability(s, item, level))
                    .isEqualTo(expected[level - 1], within(1e-9));
        }
        // A user without interests gets the base rate of the level.
        assertThat(model.levelProbability(model.newState(), item, 1))
                .isEqualTo(BASE_RATES[0], within(1e-9));
        assertThatThrownBy(() -> model.levelProbability(s, item, T + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("level must be in 1.." + T);
    }

    @Test
    void recentItemsAreNewestFirstAndBoundedAndPurchasesAreRemembered() {
        UserModelConfig config = UserModelConfig.builder().recentItems(3).purchasedItems(2).build();
        UserModel small = model(config);
        UserState s = small.newState();
        float[] v = randomHeads(new Random(37), T, H);
        small.update(s, UserModelConfig.PURCHASE, "a", v, T0);
        small.update(s, UserModelConfig.CLICK, "b", v, T0 + 1);
        small.update(s, UserModelConfig.CART, "c", v, T0 + 2);
        small.update(s, UserModelConfig.CLICK, "a", v, T0 + 3); // a becomes newest again
        small.update(s, UserModelConfig.PURCHASE, "d", v, T0 + 4); // evicts b, the oldest
        List<RecentItem> recent = s.recentItems();
        assertThat(recent).extracting(RecentItem::itemId).containsExactly("d", "a", "c");
        assertThat(recent.get(1))
                .isEqualTo(new RecentItem("a", UserModelConfig.PURCHASE, T0 + 3, 2));
        assertThat(s.hasPurchased("a")).isTrue();
        assertThat(s.hasPurchased("c")).isFalse();
        small.update(s, UserModelConfig.PURCHASE, "e", v, T0 + 5); // purchased bound 2: a drops
        assertThat(s.hasPurchased("a")).isFalse();
        assertThat(s.purchasedItems()).containsExactly("e", "d");
        assertThat(s.countsPerLevel()).containsExactly(2, 1, 3);
        assertThat(s.count(UserModelConfig.PURCHASE)).isEqualTo(3);
        assertThat(s.totalEvents()).isEqualTo(6);
    }

    @Test
    void refoldRebuildsInterestsUnderTheNewItemTower() {
        Random random = new Random(38);
        float[][] oldTastes = {randomHeads(random, T, H), randomHeads(random, T, H)};
        float[][] newTastes = {randomHeads(random, T, H), randomHeads(random, T, H)};
        Map<String, float[]> newVectors = new HashMap<>();
        Map<String, Integer> tasteOf = new HashMap<>();
        UserState s = model.newState("v1");
        for (int e = 0; e < 40; e++) {
            int taste = e % 2;
            String id = "i" + e;
            model.update(
                    s,
                    typicalLevel(random),
                    id,
                    near(oldTastes[taste], SPREAD, random, T, H),
                    T0 + e * MINUTE);
            newVectors.put(id, near(newTastes[taste], SPREAD, random, T, H));
            tasteOf.put(id, taste);
        }
        long[] counts = s.countsPerLevel();
        List<RecentItem> recent = s.recentItems();
        assertThat(s.modelVersion()).isEqualTo("v1");

        UserState again = s.copy();
        model.refold(s, newVectors::get, "v2");
        assertThat(s.modelVersion()).isEqualTo("v2");
        assertThat(s.interests()).hasSize(2);
        for (Interest interest : s.interests()) {
            double a = UserHeadStep.dot(head1(interest.vector()), head1(newTastes[0]));
            double b = UserHeadStep.dot(head1(interest.vector()), head1(newTastes[1]));
            assertThat(Math.max(a, b)).isGreaterThan(0.8);
        }
        assertThat(s.countsPerLevel()).isEqualTo(counts);
        assertThat(s.recentItems()).isEqualTo(recent);

        // Items the new tower does not know are skipped: only taste 0 survives.
        model.refold(again, id -> tasteOf.get(id) == 0 ? newVectors.get(id) : null, "v2");
        assertThat(again.interests()).hasSize(1);
        assertThat(again.interests().get(0).eventCount()).isEqualTo(20);
    }

    @Test
    void theSameEventsGiveTheSameState() {
        UserState a = replay(new Random(39));
        UserState b = replay(new Random(39));
        assertThat(a).isEqualTo(b);
        assertThat(UserStateSerializer.toBytes(a)).isEqualTo(UserStateSerializer.toBytes(b));
    }

    @Test
    void theSeedDecidesTheUninformedHeadsOfANewInterest() {
        float[] v = randomHeads(new Random(42), T, H);
        UserModel other = model(UserModelConfig.builder().seed(7).build());
        UserState a = model.newState();
        UserState b = other.newState();
        model.update(a, UserModelConfig.CLICK, "v", v, T0);
        other.update(b, UserModelConfig.CLICK, "v", v, T0);
        float[] ua = a.interests().get(0).vector();
        float[] ub = b.interests().get(0).vector();
        // Head 1 is the clicked item's under any seed; heads 2 and 3 start orthogonal to the
        // item's, in directions drawn from the seed.
        assertThat(java.util.Arrays.copyOfRange(ua, 0, H))
                .isEqualTo(java.util.Arrays.copyOfRange(ub, 0, H));
        assertThat(java.util.Arrays.copyOfRange(ua, H, 3 * H))
                .isNotEqualTo(java.util.Arrays.copyOfRange(ub, H, 3 * H));
        double[] cos = new double[T];
        UserHeadStep.cosines(ua, v, T, H, cos);
        // The opening click's own step then pushes the cart head away and leaves the purchase head.
        assertThat(cos[1]).isNegative();
        assertThat(cos[2]).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void refoldTakesTheShapeOfANewTower() {
        Random random = new Random(43);
        UserState s = model.newState();
        model.update(s, UserModelConfig.CART, "a", randomHeads(random, T, H), T0);
        UserModel wider = model(UserModelConfig.builder().headDim(48).build());
        float[] a48 = randomHeads(random, T, 48);
        wider.refold(s, id -> a48, "v2");
        assertThat(s.headDim()).isEqualTo(48);
        assertThat(s.interests().get(0).vector()).hasSize(T * 48);
        wider.update(s, UserModelConfig.CLICK, "b", a48, T0 + 1);
        assertThat(s.totalEvents()).isEqualTo(2);
    }

    @Test
    void rejectsLevelsOutsideTheLadderAndVectorsOfTheWrongShape() {
        UserState s = model.newState();
        float[] v = randomHeads(new Random(40), T, H);
        assertThatThrownBy(() -> model.update(s, 0, "x", v, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("level");
        assertThatThrownBy(() -> model.update(s, 4, "x", v, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.update(s, 1, "x", new float[H], T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("T*h");
        assertThatThrownBy(() -> model.score(new UserState(T, 8), "x", v, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refold");
        assertThatThrownBy(() -> new UserModel(UserModelConfig.defaults(), ordinal(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s.totalEvents()).isZero();
    }

    private UserState replay(Random random) {
        float[][] tastes = {randomHeads(random, T, H), randomHeads(random, T, H)};
        UserState s = model.newState();
        for (int e = 0; e < 200; e++) {
            float[] item = near(tastes[random.nextInt(2)], SPREAD, random, T, H);
            model.update(s, typicalLevel(random), "i" + random.nextInt(80), item, T0 + e * MINUTE);
            if (e % 3 == 0) {
                model.negative(s, randomHeads(random, T, H), T0 + e * MINUTE);
            }
        }
        return s;
    }

    private static int joinedInterest(UserState s, long timeMillis) {
        for (int k = 0; k < s.interests().size(); k++) {
            if (s.interests().get(k).lastUpdateMillis() == timeMillis) {
                return k;
            }
        }
        throw new AssertionError("no interest took the event at " + timeMillis);
    }

    private static float[] head1(float[] v) {
        float[] h = new float[H];
        System.arraycopy(v, 0, h, 0, H);
        return h;
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
