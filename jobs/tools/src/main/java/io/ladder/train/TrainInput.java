package io.ladder.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The events a training run reads, from a CSV or a window of the events topic, with the counts its
 * report carries.
 *
 * @param events the window's events, compact
 * @param readSeconds time spent reading
 * @param reportFields the reader's counts as JSON fields (each followed by a comma)
 */
public record TrainInput(WindowEvents events, double readSeconds, String reportFields) {

    /** Reads what {@code options} name, printing the counts to {@code err}. */
    public static TrainInput read(TrainOptions options, PrintStream err) throws IOException {
        return options.source() != null ? fromTopic(options.source(), err) : fromFile(options, err);
    }

    public static TrainInput fromTopic(TopicWindow window, PrintStream err) {
        TopicWindowReader.Result r = TopicWindowReader.read(window, err);
        TopicWindowReader.Counts c = r.counts();
        err.printf(
                Locale.ROOT,
                "read %d records of %s in %.2fs: %d events in the window, %d outside it"
                        + " (%d before, %d at/after --until), %d invalid skipped; %d distinct ids,"
                        + " ~%.1f MB held%n",
                c.read(),
                window.topic(),
                r.seconds(),
                c.inWindow(),
                c.outsideWindow(),
                c.beforeWindow(),
                c.afterWindow(),
                c.invalid(),
                r.events().distinctIds(),
                r.events().estimatedBytes() / 1e6);
        c.firstErrors().forEach(e -> err.println("  skipped " + e));
        if (c.partitionsShort() > 0) {
            err.printf(
                    "warning: %d partition(s) of %s hold no record older than the window's start"
                            + " minus the margin: retention may not cover --window %s%n",
                    c.partitionsShort(), window.topic(), window.window());
        }
        String fields =
                String.format(
                        Locale.ROOT,
                        "\"events_topic\": %s,\n  \"window_start\": \"%s\",\n"
                                + "  \"read_seconds\": %s,\n  \"records_read\": %d,\n"
                                + "  \"events_in_window\": %d,\n  \"events_outside_window\": %d,\n"
                                + "  \"records_invalid\": %d,\n  \"partitions_short\": %d,\n"
                                + "  \"window_bytes_estimate\": %d,",
                        TrainReport.quote(window.topic()),
                        window.start(),
                        TrainReport.num(r.seconds()),
                        c.read(),
                        c.inWindow(),
                        c.outsideWindow(),
                        c.invalid(),
                        c.partitionsShort(),
                        r.events().estimatedBytes());
        return new TrainInput(r.events(), r.seconds(), fields);
    }

    private static TrainInput fromFile(TrainOptions options, PrintStream err) throws IOException {
        long start = System.nanoTime();
        EventsFile file = EventsFile.read(options.events(), options.config().until());
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf(
                Locale.ROOT,
                "read %d rows from %s in %.2fs: %d events kept, %d at/after --until dropped,"
                        + " %d malformed%n",
                file.rows(),
                options.events(),
                seconds,
                file.events().size(),
                file.afterUntil(),
                file.rejected());
        file.firstErrors().forEach(e -> err.println("  skipped " + e));
        String fields =
                String.format(
                        Locale.ROOT,
                        "\"events_file\": %s,\n  \"read_seconds\": %s,\n  \"rows_read\": %d,\n"
                                + "  \"rows_malformed\": %d,\n  \"rows_after_until\": %d,",
                        TrainReport.quote(options.events().toString()),
                        TrainReport.num(seconds),
                        file.rows(),
                        file.rejected(),
                        file.afterUntil());
        return new TrainInput(WindowEvents.of(file.events()), seconds, fields);
    }
}
