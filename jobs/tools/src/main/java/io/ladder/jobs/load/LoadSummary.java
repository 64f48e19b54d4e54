package io.ladder.jobs.load;

import java.util.List;
import java.util.Locale;

/**
 * What a load did.
 *
 * @param read data rows read (header and blank lines excluded)
 * @param published events the broker acknowledged
 * @param malformed rows that did not parse or failed validation (not published)
 * @param failed events the broker did not take (the load failed)
 * @param errors the first {@link EventLoader#MAX_REPORTED_ERRORS} row errors, each starting with
 *     {@code line N:}
 * @param elapsedNanos wall time of the load
 */
public record LoadSummary(
        long read,
        long published,
        long malformed,
        long failed,
        List<String> errors,
        long elapsedNanos) {

    public double rowsPerSecond() {
        return elapsedNanos == 0 ? 0 : read * 1e9 / elapsedNanos;
    }

    /**
     * The summary line the CLI prints on stdout; {@code key=value} pairs so scripts can parse it.
     */
    public String line() {
        return String.format(
                Locale.ROOT,
                "summary: read=%d published=%d malformed=%d failed=%d seconds=%.2f rows_per_s=%.0f",
                read,
                published,
                malformed,
                failed,
                elapsedNanos / 1e9,
                rowsPerSecond());
    }
}
