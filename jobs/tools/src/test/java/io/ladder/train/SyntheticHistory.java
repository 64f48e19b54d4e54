package io.ladder.train;

import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic history with planted structure: items belong to {@link #GROUPS} groups of
 * {@link #CATEGORIES_PER_GROUP} categories; every user has one favourite group and clicks inside it
 * with probability {@link #IN_GROUP}. The progression is planted too: a click leads to a cart more
 * often on in-group "good" items, and purchases happen only after carts, mostly of "great" items.
 */
final class SyntheticHistory {
    static final int GROUPS = 4;
    static final int CATEGORIES_PER_GROUP = 2;
    static final int ITEMS_PER_CATEGORY = 12;
    static final double IN_GROUP = 0.9;
    static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    static final int DAYS = 8;
    static final Instant END = START.plus(Duration.ofDays(DAYS));

    private SyntheticHistory() {}

    static int items() {
        return GROUPS * CATEGORIES_PER_GROUP * ITEMS_PER_CATEGORY;
    }

    static String itemId(int item) {
        return "i" + item;
    }

    static int category(int item) {
        return item / ITEMS_PER_CATEGORY;
    }

    static String categoryId(int category) {
        return "c" + category;
    }

    static int group(int item) {
        return category(item) / CATEGORIES_PER_GROUP;
    }

    /** Every fourth item of a category is "good" (carts), every other good one "great" (buys). */
    static boolean good(int item) {
        return item % 2 == 0;
    }

    static boolean great(int item) {
        return item % 4 == 0;
    }

    static List<UserEvent> generate(long seed, int users, int clicksPerUser) {
        SplittableRandom random = new SplittableRandom(seed);
        int perGroup = CATEGORIES_PER_GROUP * ITEMS_PER_CATEGORY;
        long spanMillis = Duration.ofDays(DAYS).toMillis();
        List<UserEvent> events = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int favourite = u % GROUPS;
            for (int c = 0; c < clicksPerUser; c++) {
                int group = random.nextDouble() < IN_GROUP ? favourite : random.nextInt(GROUPS);
                int item = group * perGroup + random.nextInt(perGroup);
                long t =
                        START.toEpochMilli() + (long) (random.nextDouble() * (spanMillis - 60_000));
                events.add(event(u, item, EventType.CLICK, t, events.size()));
                boolean inGroup = group == favourite;
                double cart = inGroup ? (good(item) ? 0.5 : 0.08) : 0.02;
                if (random.nextDouble() < cart) {
                    events.add(event(u, item, EventType.CART, t + 10_000, events.size()));
                    if (random.nextDouble() < (great(item) ? 0.7 : 0.1)) {
                        events.add(event(u, item, EventType.PURCHASE, t + 20_000, events.size()));
                    }
                }
            }
        }
        return events;
    }

    static UserEvent event(int user, int item, EventType type, long millis, int n) {
        return UserEvent.newBuilder()
                .setEventId("e" + n)
                .setUserId("u" + user)
                .setItemId(itemId(item))
                .setCategoryId(categoryId(category(item)))
                .setType(type)
                .setEventTime(Instant.ofEpochMilli(millis))
                .build();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            na += (double) a[k] * a[k];
            nb += (double) b[k] * b[k];
        }
        return dot / Math.sqrt(na * nb);
    }
}
