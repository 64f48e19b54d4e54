package io.ladder.train;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar (carriage-return redrawn) plus one summary line per epoch. */
public final class ProgressBar implements TrainListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean redraw;
    private long lastDraw;

    /**
     * @param redraw draw the in-epoch bar (a terminal); otherwise only one line per epoch
     */
    public ProgressBar(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    @Override
    public void progress(int epoch, int epochs, int done, int total, double loss) {
        long now = System.nanoTime();
        if (!redraw) {
            return;
        }
        if (done < total && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        out.print(
                String.format(
                        Locale.ROOT,
                        "\repoch %d/%d [%s%s] %3d%% loss %.4f",
                        epoch,
                        epochs,
                        "=".repeat(filled),
                        " ".repeat(WIDTH - filled),
                        total == 0 ? 100 : (int) (100L * done / total),
                        loss));
        out.flush();
    }

    @Override
    public void epochEnd(EpochStats s, int epochs, boolean best) {
        LevelAucs a = s.heldOut();
        out.print(redraw ? "\r" : "");
        if (Double.isNaN(a.mean())) {
            out.printf(
                    Locale.ROOT,
                    "epoch %d/%d loss %.4f | no held-out part (refit on the whole window) | %.1fs%n",
                    s.epoch(),
                    epochs,
                    s.loss(),
                    s.seconds());
            out.flush();
            return;
        }
        out.print(
                String.format(
                        Locale.ROOT,
                        "epoch %d/%d loss %.4f | held-out AUC engage %.4f cart|click %.4f"
                                + " buy|cart %.4f buy|all %.4f mean %.4f | %.1fs%s%n",
                        s.epoch(),
                        epochs,
                        s.loss(),
                        a.engagement(),
                        a.cartGivenClick(),
                        a.purchaseGivenCart(),
                        a.purchaseVsAll(),
                        a.mean(),
                        s.seconds(),
                        best ? " *" : ""));
        out.flush();
    }
}
