package io.ladder.evaluate;

import java.io.PrintStream;
import java.util.Locale;

/** A progress bar on stderr: one redrawn line per phase, finished with its elapsed time. */
public final class Progress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream out;
    private final boolean enabled;
    private String phase;
    private long total;
    private long done;
    private long started;
    private long lastDraw;

    public Progress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    public static Progress silent() {
        return new Progress(System.err, false);
    }

    public void phase(String name, long steps) {
        finish();
        phase = name;
        total = Math.max(1, steps);
        done = 0;
        started = System.nanoTime();
        lastDraw = 0;
        draw();
    }

    public void advance(long steps) {
        done += steps;
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw();
        }
    }

    /** Ends the current phase with its elapsed time. */
    public void finish() {
        if (phase == null) {
            return;
        }
        done = total;
        draw();
        if (enabled) {
            out.printf(Locale.ROOT, " %.1fs%n", (System.nanoTime() - started) / 1e9);
            out.flush();
        }
        phase = null;
    }

    private void draw() {
        if (!enabled || phase == null) {
            return;
        }
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        out.printf(
                Locale.ROOT,
                "\r%-44s [%s%s] %3d%%",
                phase.length() > 44 ? phase.substring(0, 44) : phase,
                "=".repeat(filled),
                " ".repeat(WIDTH - filled),
                100 * Math.min(done, total) / total);
        out.flush();
    }
}
