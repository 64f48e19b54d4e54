package io.ladder.jobs.demo;

import io.ladder.jobs.config.RawOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a seeded synthetic event history in the loader's CSV format, for the local demo and
 * benchmarks: users with one or two favourite categories, Zipf-like item popularity inside a
 * category, and the engagement ladder (most views stop there, some reach the cart, fewer are
 * bought, mostly after a cart).
 *
 * <p>Usage: {@code SyntheticHistory OUT.csv [--users 500] [--items 2000] [--categories 20]
 * [--events 20000] [--seed 7] [--start-epoch-s 1700000000] [--span-days 7]}
 */
public final class SyntheticHistory {
    private static final String USAGE =
            "usage: SyntheticHistory OUT.csv [--users N] [--items N] [--categories N]"
                    + " [--events N] [--seed S] [--start-epoch-s T] [--span-days D]";

    private SyntheticHistory() {}

    public static void main(String[] args) throws IOException {
        RawOptions o = RawOptions.parse(args);
        int users = o.integer("users", 500, 1, Integer.MAX_VALUE);
        int items = o.integer("items", 2_000, 1, Integer.MAX_VALUE);
        int categories = o.integer("categories", 20, 1, Integer.MAX_VALUE);
        int events = o.integer("events", 20_000, 0, Integer.MAX_VALUE);
        long seed = o.number("seed", 7);
        long start = o.number("start-epoch-s", 1_700_000_000L);
        int spanDays = o.integer("span-days", 7, 1, 36_500);
        Path out = Path.of(o.onePositional("OUT.csv"));
        o.refuseUnused(USAGE);
        write(out, users, items, categories, events, seed, start, spanDays);
        System.out.println("wrote " + events + " events of " + users + " users to " + out);
    }

    static void write(
            Path out,
            int users,
            int items,
            int categories,
            int events,
            long seed,
            long startEpochSeconds,
            int spanDays)
            throws IOException {
        // Mean gap so the history spans spanDays (the trainer holds out its last 10% of events).
        int meanGapSeconds = Math.max(1, (int) (spanDays * 86_400L / Math.max(1, events)));
        Random random = new Random(seed);
        int perCategory = Math.max(1, items / categories);
        int[][] favourites = new int[users][];
        for (int u = 0; u < users; u++) {
            int first = random.nextInt(categories);
            favourites[u] =
                    random.nextInt(3) == 0
                            ? new int[] {
                                first, (first + 1 + random.nextInt(categories - 1)) % categories
                            }
                            : new int[] {first};
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("user_id,item_id,category_id,behavior,ts\n");
            long ts = startEpochSeconds;
            for (int e = 0; e < events; e++) {
                int user = random.nextInt(users);
                int category = favourites[user][random.nextInt(favourites[user].length)];
                // Zipf-like rank inside the category: small ranks are popular.
                int rank =
                        (int)
                                Math.min(
                                        perCategory - 1,
                                        Math.floor(Math.pow(perCategory, random.nextDouble())) - 1);
                int item = category * perCategory + rank;
                ts += random.nextInt(2 * meanGapSeconds + 1);
                double roll = random.nextDouble();
                String behavior = roll < 0.85 ? "pv" : roll < 0.95 ? "cart" : "buy";
                w.write(
                        "u" + user + ",i" + item + ",c" + category + "," + behavior + "," + ts
                                + "\n");
            }
        }
    }
}
