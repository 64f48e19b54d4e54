package io.ladder.evaluate;

import io.ladder.jobs.csv.BehaviorMapping;
import io.ladder.jobs.csv.CsvRow;
import io.ladder.jobs.csv.EventCsvReader;
import io.ladder.schemas.UserEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every event of an events CSV in time order (stable: rows with equal times keep file order), split
 * at the warm-up bound, plus the catalogue the file implies (every item with the first category it
 * was given). Item metadata is not look-ahead; the events after the bound are used only as the test
 * stream.
 *
 * @param warmup events before {@code until}
 * @param test events at or after {@code until}
 * @param catalogue item id -> category id (null when no row gave one), in order of first appearance
 */
public record EventStream(
        List<UserEvent> warmup,
        List<UserEvent> test,
        Map<String, String> catalogue,
        long rows,
        long rejected,
        List<String> firstErrors) {

    public static EventStream read(Path file, Instant until) throws IOException {
        List<UserEvent> all = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long rows = 0;
        long rejected = 0;
        try (EventCsvReader reader = EventCsvReader.open(file, BehaviorMapping.defaults())) {
            for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                CsvRow r = row.get();
                rows++;
                if (r.ok()) {
                    all.add(r.event());
                } else {
                    rejected++;
                    if (errors.size() < 5) {
                        errors.add(r.error());
                    }
                }
            }
        }
        return of(all, until, rows, rejected, errors);
    }

    static EventStream of(
            List<UserEvent> events, Instant until, long rows, long rejected, List<String> errors) {
        List<UserEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(UserEvent::getEventTime)); // stable
        Map<String, String> catalogue = new LinkedHashMap<>();
        List<UserEvent> warmup = new ArrayList<>();
        List<UserEvent> test = new ArrayList<>();
        for (UserEvent e : sorted) {
            String known = catalogue.get(e.getItemId());
            if (known == null) {
                catalogue.put(e.getItemId(), e.getCategoryId());
            }
            (e.getEventTime().isBefore(until) ? warmup : test).add(e);
        }
        return new EventStream(
                List.copyOf(warmup), List.copyOf(test), catalogue, rows, rejected, errors);
    }

    /** Items engaged before the bound, with their categories. */
    public Map<String, String> seenCatalogue() {
        Map<String, String> seen = new LinkedHashMap<>();
        for (UserEvent e : warmup) {
            seen.putIfAbsent(e.getItemId(), catalogue.get(e.getItemId()));
        }
        return seen;
    }
}
