package io.ladder.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic events CSV: users browse mostly in one favourite category, cart some of what
 * they click and buy some of what they cart, sometimes coming back to an item days later.
 */
final class SyntheticEvents {
    static final long START = 1_700_000_000L; // seconds
    static final long DAY = 86_400L;

    private SyntheticEvents() {}

    static Path write(Path dir, long seed, int users, int days) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int categories = 6;
        int itemsPerCategory = 15;
        record Row(long ts, String line) {}
        List<Row> rows = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int favourite = random.nextInt(categories);
            List<Integer> touched = new ArrayList<>();
            int sessions = 3 + random.nextInt(4);
            for (int s = 0; s < sessions; s++) {
                long t = START + random.nextLong(days * DAY - 3600);
                int events = 3 + random.nextInt(8);
                for (int e = 0; e < events; e++) {
                    int item;
                    if (!touched.isEmpty() && random.nextDouble() < 0.3) {
                        item = touched.get(random.nextInt(touched.size()));
                    } else {
                        int c = random.nextDouble() < 0.8 ? favourite : random.nextInt(categories);
                        item = c * itemsPerCategory + random.nextInt(itemsPerCategory);
                    }
                    touched.add(item);
                    String behavior = "pv";
                    double x = random.nextDouble();
                    if (x < 0.12) {
                        behavior = "buy";
                    } else if (x < 0.3) {
                        behavior = "cart";
                    }
                    t += random.nextInt(120);
                    rows.add(
                            new Row(
                                    t,
                                    "u"
                                            + u
                                            + ",i"
                                            + item
                                            + ",c"
                                            + item / itemsPerCategory
                                            + ","
                                            + behavior
                                            + ","
                                            + t));
                }
            }
        }
        rows.sort((a, b) -> Long.compare(a.ts, b.ts));
        StringBuilder b = new StringBuilder("user_id,item_id,category_id,behavior,ts\n");
        for (Row r : rows) {
            b.append(r.line).append('\n');
        }
        Path file = dir.resolve("events.csv");
        Files.writeString(file, b.toString());
        return file;
    }
}
