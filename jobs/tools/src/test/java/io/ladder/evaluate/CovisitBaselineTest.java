package io.ladder.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CovisitBaselineTest extends BaselineTestBase {
    private static final int RECENT = 50;

    private static CovisitBaseline covisit() {
        return new CovisitBaseline(false, RECENT, 10);
    }

    private static CovisitBaseline touched() {
        return new CovisitBaseline(true, RECENT, 10);
    }

    /** a-b engaged together by two users, a-c by one. */
    private void coEngage(EvaluatedSystem s) throws Exception {
        feed(s, "u1 a pv", "u1 b pv", "u2 b pv", "u2 a cart", "u3 a pv", "u3 c pv");
    }

    @Test
    void ranksWhatOthersEngagedWithTheUsersItemsByCount() throws Exception {
        CovisitBaseline s = covisit();
        coEngage(s);
        feed(s, "u4 a pv");
        assertThat(listAt(s, "u4 x buy")).containsExactly("b", "c");
    }

    @Test
    void weighsTheUsersRecentItemsByRecencyRank() throws Exception {
        CovisitBaseline s = covisit();
        // d-e twice, f-g three times; u9 engaged g, then d: d is newest (weight 1), g next (1/2).
        feed(s, "u1 d pv", "u1 e pv", "u2 e pv", "u2 d pv");
        feed(s, "u3 f pv", "u3 g pv", "u4 g pv", "u4 f pv", "u5 f pv", "u5 g pv");
        feed(s, "u9 g pv", "u9 d pv");
        // e: 2 x 1 = 2; f: 3 x 1/2 = 1.5 (u9's own g-d pair is touched on both sides).
        assertThat(listAt(s, "u9 x buy")).containsExactly("e", "f");
    }

    @Test
    void dropsEveryItemTheUserTouched() throws Exception {
        CovisitBaseline s = covisit();
        coEngage(s);
        feed(s, "u4 b pv", "u4 a pv");
        assertThat(listAt(s, "u4 x buy")).containsExactly("c");
    }

    @Test
    void anEventsOwnItemNeverInformsItsOwnList() throws Exception {
        CovisitBaseline s = covisit();
        feed(s, "u1 a pv", "u1 b pv", "u2 a pv");
        // u2's event on c: the pair a-c does not exist yet when its list is built.
        assertThat(listAt(s, "u2 c buy")).containsExactly("b");
        // It is counted afterwards: another user of a now sees c.
        feed(s, "u3 a pv");
        assertThat(listAt(s, "u3 x pv")).containsExactly("b", "c");
    }

    @Test
    void aNewUserGetsAnEmptyList() throws Exception {
        CovisitBaseline s = covisit();
        coEngage(s);
        assertThat(listAt(s, "u9 a buy")).isEmpty();
    }

    @Test
    void touchedModeRanksTheUsersOwnItemsByRecencyThenNewOnes() throws Exception {
        CovisitBaseline s = touched();
        coEngage(s);
        feed(s, "u4 c pv", "u4 a pv");
        // a: recency 1 + 0.1 x S(a)/max; c: 1/2 + ...; b reaches u4 only by co-visitation.
        assertThat(listAt(s, "u4 x buy")).containsExactly("a", "c", "b");
    }

    @Test
    void touchedModeLetsCovisitationReorderTheUsersItems() throws Exception {
        CovisitBaseline s = touched();
        // u1 engaged a and b back and forth, then once z; z is newest, b is very co-visited.
        feed(s, "u1 b pv", "u1 a pv", "u1 b pv", "u1 a pv", "u1 b pv", "u1 z pv");
        // Recency: z 1, b 1/2, a 1/3. S: from z (w 1): a 1, b 1; from b (w 1/2): a 4/2;
        // from a (w 1/3): b 4/3, z 1/3 -> a 3, b 2.33, z 0.33; max 3.
        // Totals: z 1 + 0.011, b 0.5 + 0.078, a 0.333 + 0.1.
        assertThat(listAt(s, "u1 x buy")).containsExactly("z", "b", "a");
    }

    @Test
    void touchedModeDemotesBoughtItems() throws Exception {
        CovisitBaseline s = touched();
        feed(s, "u4 c pv", "u4 a buy");
        // a: (1 + 0.1 x 1) x 0.25 = 0.275 < c: 0.5 + 0.1.
        assertThat(listAt(s, "u4 x pv")).containsExactly("c", "a");
        CovisitBaseline plain = covisit();
        feed(plain, "u4 c pv", "u4 a buy");
        assertThat(listAt(plain, "u4 x pv")).isEmpty();
    }
}
