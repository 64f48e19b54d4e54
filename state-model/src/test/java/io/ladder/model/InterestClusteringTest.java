package io.ladder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InterestClusteringTest extends UserModelTestBase {
    private static final int T = 3;
    private static final int H = UserModelConfig.DEFAULT_HEAD_DIM;
    private static final double SPREAD = 0.6;

    @Test
    void twoPlantedTastesGiveTwoInterestsEachNearOneTaste() {
        Random random = new Random(21);
        float[][] tastes = {randomHeads(random, T, H), randomHeads(random, T, H)};
        UserModel model = model(UserModelConfig.defaults());
        UserState s = model.newState();
        for (int e = 0; e < 400; e++) {
            int taste = random.nextInt(2);
            model.update(
                    s,
                    typicalLevel(random),
                    "i" + e,
                    near(tastes[taste], SPREAD, random, T, H),
                    T0 + e * MINUTE);
        }
        List<Interest> interests = s.interests();
        assertThat(interests).hasSize(2);
        boolean[] covered = new boolean[2];
        for (Interest interest : interests) {
            double a = engagementCosine(interest.vector(), tastes[0]);
            double b = engagementCosine(interest.vector(), tastes[1]);
            int own = a > b ? 0 : 1;
            assertThat(Math.max(a, b)).as("engagement cosine to its own taste").isGreaterThan(0.8);
            assertThat(Math.min(a, b)).as("to the other taste").isLessThan(0.3);
            // Near in the model's sense too: its purchase score prefers its own taste's items.
            assertThat(meanPurchaseLogit(model, interest, tastes[own], random))
                    .isGreaterThan(
                            meanPurchaseLogit(model, interest, tastes[1 - own], random) + 0.5);
            covered[own] = true;
        }
        assertThat(covered).containsExactly(true, true);
    }

    @Test
    void aSingleTasteUserDoesNotSplit() {
        Random random = new Random(22);
        float[] taste = randomHeads(random, T, H);
        UserModel model = model(UserModelConfig.defaults());
        UserState s = model.newState();
        for (int e = 0; e < 400; e++) {
            model.update(
                    s,
                    typicalLevel(random),
                    "i" + e,
                    near(taste, SPREAD, random, T, H),
                    T0 + e * MINUTE);
        }
        assertThat(s.interests()).hasSize(1);
        assertThat(engagementCosine(s.interests().get(0).vector(), taste)).isGreaterThan(0.8);
        assertThat(s.interests().get(0).eventCount()).isEqualTo(400);
    }

    @Test
    void moreTastesThanSlotsMergeDownToK() {
        Random random = new Random(23);
        float[][] tastes = new float[7][];
        for (int c = 0; c < tastes.length; c++) {
            tastes[c] = randomHeads(random, T, H);
        }
        UserModel model = model(UserModelConfig.defaults());
        UserState s = model.newState();
        for (int e = 0; e < 700; e++) {
            float[] item = near(tastes[e % tastes.length], SPREAD, random, T, H);
            model.update(s, UserModelConfig.CLICK, "i" + e, item, T0 + e * MINUTE);
            assertThat(s.interests().size()).isLessThanOrEqualTo(4);
        }
        assertThat(s.interests()).hasSize(4);
        long absorbed = s.interests().stream().mapToLong(Interest::eventCount).sum();
        assertThat(absorbed).as("merges keep every event's count").isEqualTo(700);
    }

    @Test
    void aStateBuiltUnderALargerKShrinksOnItsNextEvent() {
        Random random = new Random(26);
        UserModel four = model(UserModelConfig.defaults());
        UserState s = four.newState();
        for (int c = 0; c < 4; c++) {
            four.update(s, UserModelConfig.CLICK, "i" + c, randomHeads(random, T, H), T0 + c);
        }
        assertThat(s.interests()).hasSize(4);
        UserModel two = model(UserModelConfig.builder().maxInterests(2).build());
        two.update(s, UserModelConfig.CLICK, "x", randomHeads(random, T, H), T0 + 10);
        assertThat(s.interests()).hasSize(2);
        assertThat(s.interests().stream().mapToLong(Interest::eventCount).sum()).isEqualTo(5);
    }

    @Test
    void interestWeightsDecayWithTheHalfLife() {
        Random random = new Random(24);
        UserModel model = model(UserModelConfig.defaults());
        UserState s = model.newState();
        float[] a = randomHeads(random, T, H);
        float[] b = randomHeads(random, T, H);
        long halfLife = UserModelConfig.DEFAULT_INTEREST_HALF_LIFE_MILLIS;
        model.update(s, UserModelConfig.PURCHASE, "a", a, T0); // weight 4
        model.update(s, UserModelConfig.CART, "b", b, T0 + halfLife); // weight 2
        // At T0 + halfLife: a = 4 * 0.5 = 2, b = 2, equal shares.
        List<UserModel.InterestQuery> now = model.queries(s, T0 + halfLife);
        assertThat(now).hasSize(2);
        assertThat(now.get(0).weight()).isCloseTo(0.5, within(1e-9));
        // Later both decay by the same factor: shares unchanged, and they always sum to one.
        List<UserModel.InterestQuery> later = model.queries(s, T0 + 5 * halfLife);
        assertThat(later.get(0).weight() + later.get(1).weight()).isCloseTo(1.0, within(1e-12));
        assertThat(later.get(0).weight()).isCloseTo(0.5, within(1e-9));
        // Another cart on b makes it the heavier one and the first query.
        model.update(s, UserModelConfig.CART, "b2", b, T0 + halfLife);
        List<UserModel.InterestQuery> after = model.queries(s, T0 + halfLife);
        assertThat(after.get(0).weight()).isCloseTo(4.0 / 6.0, within(1e-9));
        assertThat(engagementCosine(after.get(0).vector(), b)).isGreaterThan(0.9);
    }

    @Test
    void queryVectorsAreUnitHeadsWhoseInnerProductRanksByPurchaseProbability() {
        Random random = new Random(25);
        float[] taste = randomHeads(random, T, H);
        UserModel model = model(UserModelConfig.defaults());
        UserState s = model.newState();
        for (int e = 0; e < 50; e++) {
            model.update(s, typicalLevel(random), "i" + e, near(taste, SPREAD, random, T, H), T0);
        }
        float[] query = model.queries(s, T0).get(0).vector();
        assertThat(UserHeadStep.dot(query, query)).isCloseTo(T, within(1e-4));
        float[] x = near(taste, 1.0, random, T, H);
        float[] y = near(taste, 3.0, random, T, H);
        boolean dotOrder = UserHeadStep.dot(query, x) > UserHeadStep.dot(query, y);
        boolean probabilityOrder =
                model.purchaseProbability(s, x) > model.purchaseProbability(s, y);
        assertThat(dotOrder).isEqualTo(probabilityOrder);
        assertThat(model.purchaseProbability(s, x)).isNotEqualTo(model.purchaseProbability(s, y));
    }

    private static double engagementCosine(float[] interest, float[] taste) {
        double c = 0;
        for (int i = 0; i < H; i++) {
            c += interest[i] * taste[i];
        }
        return c;
    }

    /** Mean top logit gamma &lt;U, I&gt; - a_T of the interest over fresh items of a taste. */
    private static double meanPurchaseLogit(
            UserModel model, Interest interest, float[] taste, Random random) {
        double sum = 0;
        for (int n = 0; n < 200; n++) {
            float[] item = near(taste, SPREAD, random, T, H);
            sum += model.ordinal().topLogit(UserHeadStep.dot(interest.vector(), item));
        }
        return sum / 200;
    }
}
