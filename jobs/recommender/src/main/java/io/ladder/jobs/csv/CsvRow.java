package io.ladder.jobs.csv;

import io.ladder.schemas.UserEvent;

/**
 * One data row of an events CSV: the event, or why the row is malformed.
 *
 * @param lineNumber 1-based line number in the file (the header is line 1)
 * @param event the parsed event, null when {@code error} is set
 * @param error what is wrong with the row, null when it parsed
 */
public record CsvRow(long lineNumber, UserEvent event, String error) {
    public boolean ok() {
        return error == null;
    }
}
