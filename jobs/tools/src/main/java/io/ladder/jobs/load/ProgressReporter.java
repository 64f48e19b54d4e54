package io.ladder.jobs.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows a load's progress on stderr from a daemon thread: a bar redrawn in place on a terminal, or
 * a plain line every few seconds when stderr goes to a file or a pipe.
 */
final class ProgressReporter implements AutoCloseable {
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean bar;
    private final long totalBytes;
    private final LongSupplier bytesRead;
    private final LongSupplier rows;
    private final LongSupplier published;
    private final LongSupplier malformed;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;

    ProgressReporter(
            PrintStream out,
            LoaderConfig.Progress mode,
            long totalBytes,
            LongSupplier bytesRead,
            LongSupplier rows,
            LongSupplier published,
            LongSupplier malformed) {
        this.out = out;
        this.totalBytes = totalBytes;
        this.bytesRead = bytesRead;
        this.rows = rows;
        this.published = published;
        this.malformed = malformed;
        LoaderConfig.Progress resolved =
                mode == LoaderConfig.Progress.AUTO
                        ? (System.console() != null
                                ? LoaderConfig.Progress.BAR
                                : LoaderConfig.Progress.LINES)
                        : mode;
        this.bar = resolved == LoaderConfig.Progress.BAR;
        if (resolved == LoaderConfig.Progress.NONE) {
            timer = null;
            return;
        }
        timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "load-progress");
                            t.setDaemon(true);
                            return t;
                        });
        long periodMillis = bar ? 250 : 5_000;
        timer.scheduleAtFixedRate(this::show, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void show() {
        String text = render();
        if (bar) {
            out.print("\r" + text);
        } else {
            out.println(text);
        }
        out.flush();
    }

    String render() {
        double fraction =
                totalBytes <= 0 ? 0 : Math.min(1.0, (double) bytesRead.getAsLong() / totalBytes);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        long n = rows.getAsLong();
        return String.format(
                Locale.ROOT,
                "[%s%s] %3.0f%%  %,d rows  %,.0f rows/s  %,d published  %,d malformed",
                "#".repeat(filled),
                ".".repeat(BAR_WIDTH - filled),
                fraction * 100,
                n,
                n / seconds,
                published.getAsLong(),
                malformed.getAsLong());
    }

    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        show();
        if (bar) {
            out.println();
        }
    }
}
