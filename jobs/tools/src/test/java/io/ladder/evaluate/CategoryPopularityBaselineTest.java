package io.ladder.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryPopularityBaselineTest extends BaselineTestBase {
    /** Long enough that a few seconds of decay never reorder anything. */
    private static final long HALF_LIFE = 30L * 24 * 3600 * 1000;

    private static CategoryPopularityBaseline baseline() {
        return new CategoryPopularityBaseline(HALF_LIFE, 10);
    }

    /** Category X: x1 bought (5), x2 clicked twice (2), x3 clicked (1); Y: y1 carted (3). */
    private void shop(EvaluatedSystem s) throws Exception {
        feed(s, "o1 x1 buy X", "o2 x2 pv X", "o3 x2 pv X", "o4 x3 pv X", "o5 y1 cart Y");
    }

    @Test
    void ranksPopularItemsOfTheUsersCategoriesByShareTimesPopularity() throws Exception {
        CategoryPopularityBaseline s = baseline();
        shop(s);
        feed(s, "u y2 pv Y", "u x4 pv X");
        // Shares: X 1 / 1.5, Y 0.5 / 1.5. X mass 5 + 2 + 1 + 1 (u's x4) = 9, Y 3 + 1 = 4.
        // x1 2/3 x 5/9 = 0.370, y1 1/3 x 3/4 = 0.25, x2 2/3 x 2/9 = 0.148, x3 0.074.
        assertThat(listAt(s, "u z buy Z")).containsExactly("x1", "y1", "x2", "x3");
    }

    @Test
    void dropsTouchedItems() throws Exception {
        CategoryPopularityBaseline s = baseline();
        shop(s);
        feed(s, "u x1 pv X");
        assertThat(listAt(s, "u z buy Z")).containsExactly("x2", "x3");
    }

    @Test
    void usesOnlyTheUsersTopFiveCategories() throws Exception {
        CategoryPopularityBaseline s = baseline();
        List<String> events = new ArrayList<>();
        for (String c : List.of("A", "B", "C", "D", "E", "F")) {
            events.add("o " + c.toLowerCase() + "1 buy " + c);
        }
        feed(s, events.toArray(String[]::new));
        // u: F oldest, A newest: F is the sixth category and stays out.
        feed(s, "u f2 pv F", "u e2 pv E", "u d2 pv D", "u c2 pv C", "u b2 pv B", "u a2 pv A");
        assertThat(listAt(s, "u z buy Z"))
                .containsExactlyInAnyOrder("a1", "b1", "c1", "d1", "e1")
                .startsWith("a1");
    }

    @Test
    void anEventsOwnItemNeverInformsItsOwnList() throws Exception {
        CategoryPopularityBaseline s = baseline();
        feed(s, "u x1 pv X");
        // The list before u's click on x2 cannot know x2.
        assertThat(listAt(s, "u x2 pv X")).isEmpty();
        feed(s, "v x1 pv X");
        assertThat(listAt(s, "v z pv Z")).containsExactly("x2");
    }
}
