package io.ladder.train;

import io.ladder.jobs.csv.BehaviorMapping;
import io.ladder.jobs.csv.CsvRow;
import io.ladder.jobs.csv.EventCsvReader;
import io.ladder.schemas.UserEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an events CSV with {@link EventCsvReader}, keeping only events before {@code until} (the
 * rest is parsed and dropped on the spot, never kept); malformed rows are counted and the first few
 * reasons kept.
 *
 * @param events the kept events
 * @param rows data rows read
 * @param rejected malformed rows
 * @param afterUntil rows at or after {@code until}, dropped
 * @param firstErrors up to {@link #MAX_ERRORS} reasons
 */
public record EventsFile(
        List<UserEvent> events,
        long rows,
        long rejected,
        long afterUntil,
        List<String> firstErrors) {
    public static final int MAX_ERRORS = 5;

    public static EventsFile read(Path file, Instant until) throws IOException {
        List<UserEvent> events = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long rows = 0;
        long rejected = 0;
        long after = 0;
        long limit = until == null ? Long.MAX_VALUE : until.toEpochMilli();
        try (EventCsvReader reader = EventCsvReader.open(file, BehaviorMapping.defaults())) {
            for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                CsvRow r = row.get();
                rows++;
                if (!r.ok()) {
                    rejected++;
                    if (errors.size() < MAX_ERRORS) {
                        errors.add(r.error());
                    }
                } else if (r.event().getEventTime().toEpochMilli() >= limit) {
                    after++;
                } else {
                    events.add(r.event());
                }
            }
        }
        return new EventsFile(events, rows, rejected, after, List.copyOf(errors));
    }
}
