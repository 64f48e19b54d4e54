package io.ladder.jobs.csv;

import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the events CSV format shared by the loader, the trainer and the evaluation: columns {@code
 * user_id,item_id,category_id,behavior,ts} with an optional header row, {@code ts} in epoch seconds
 * or milliseconds, {@code category_id} possibly empty.
 *
 * <p>The event id is a stable hash of (file name, line number): loading the same file twice yields
 * the same ids, so the job's deduplication drops the second copy, while two genuine identical rows
 * on different lines stay distinct events.
 */
public final class EventCsvReader implements Closeable {
    /** Timestamps below this are epoch seconds (10^11 s is the year 5138; 10^11 ms is 1973). */
    static final long SECONDS_LIMIT = 100_000_000_000L;

    private final BufferedReader reader;
    private final String fileName;
    private final BehaviorMapping mapping;
    private long lineNumber;

    private EventCsvReader(BufferedReader reader, String fileName, BehaviorMapping mapping) {
        this.reader = reader;
        this.fileName = fileName;
        this.mapping = mapping;
    }

    public static EventCsvReader open(Path file, BehaviorMapping mapping) throws IOException {
        return new EventCsvReader(
                Files.newBufferedReader(file, StandardCharsets.UTF_8),
                file.getFileName().toString(),
                mapping);
    }

    /** For tests and streams: {@code fileName} only feeds the event ids. */
    public static EventCsvReader of(
            BufferedReader reader, String fileName, BehaviorMapping mapping) {
        return new EventCsvReader(reader, fileName, mapping);
    }

    /** The next data row (header and blank lines skipped), or empty at the end of the file. */
    public Optional<CsvRow> next() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank() || (lineNumber == 1 && isHeader(line))) {
                continue;
            }
            return Optional.of(parse(line, lineNumber));
        }
        return Optional.empty();
    }

    private static boolean isHeader(String line) {
        return line.toLowerCase().startsWith("user_id")
                || line.toLowerCase().startsWith("\"user_id");
    }

    CsvRow parse(String line, long number) {
        String[] cols = line.split(",", -1);
        if (cols.length != 5) {
            return error(
                    number,
                    "expected 5 columns user_id,item_id,category_id,behavior,ts, got "
                            + cols.length);
        }
        String user = cols[0].trim();
        String item = cols[1].trim();
        String category = cols[2].trim();
        if (user.isEmpty()) {
            return error(number, "user_id is empty");
        }
        if (item.isEmpty()) {
            return error(number, "item_id is empty");
        }
        Optional<EventType> type = mapping.map(cols[3]);
        if (type.isEmpty()) {
            return error(
                    number, "unknown behavior '" + cols[3].trim() + "' (known: " + mapping + ")");
        }
        long ts;
        try {
            ts = Long.parseLong(cols[4].trim());
        } catch (NumberFormatException e) {
            return error(number, "ts '" + cols[4].trim() + "' is not an integer epoch time");
        }
        if (ts <= 0) {
            return error(number, "ts " + ts + " is not a positive epoch time");
        }
        long millis = ts < SECONDS_LIMIT ? ts * 1000 : ts;
        UserEvent event =
                UserEvent.newBuilder()
                        .setEventId(eventId(fileName, number))
                        .setUserId(user)
                        .setItemId(item)
                        .setCategoryId(category.isEmpty() ? null : category)
                        .setType(type.get())
                        .setEventTime(Instant.ofEpochMilli(millis))
                        .build();
        return new CsvRow(number, event, null);
    }

    /** Stable id of line {@code lineNumber} of a file named {@code fileName}. */
    public static String eventId(String fileName, long lineNumber) {
        return UUID.nameUUIDFromBytes(
                        (fileName + "#" + lineNumber).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static CsvRow error(long number, String message) {
        return new CsvRow(number, null, "line " + number + ": " + message);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
