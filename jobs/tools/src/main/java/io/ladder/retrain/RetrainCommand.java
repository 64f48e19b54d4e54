package io.ladder.retrain;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code scripts/retrain}: retrains the item tower from the events topic on a schedule (the first
 * run at once, then one every {@code --every}; {@code --once} for a single run, as the CronJob
 * does), each run publishing a new version only past the quality gate; {@code --republish DIR}
 * rolls back. Each run prints progress to stderr and ends with one JSON line on stdout. See
 * jobs/TRAIN.md.
 */
public final class RetrainCommand {
    private RetrainCommand() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Returns the exit code: 0 ok (published, or refused by the gate: the summary says which), 2
     * bad arguments, 1 a failed run (with {@code --once} or {@code --republish}).
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        RetrainOptions options;
        try {
            options = RetrainOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (options.republish() != null) {
            return once(options, out, err, true, new LoopCounts()) == Outcome.FAILED ? 1 : 0;
        }
        if (options.once()) {
            return once(options, out, err, false, new LoopCounts()) == Outcome.FAILED ? 1 : 0;
        }
        LoopCounts counts = new LoopCounts();
        while (true) {
            Instant start = Instant.now();
            once(options, out, err, false, counts); // a failed run is reported; the next one comes
            err.printf(
                    "runs %d: published %d, refused by the gate %d, failed %d%n",
                    counts.runs, counts.published, counts.refused, counts.failed);
            if (options.runs() > 0 && counts.runs >= options.runs()) {
                return counts.failed > 0 ? 1 : 0;
            }
            Duration wait = Duration.between(Instant.now(), start.plus(options.every()));
            if (!wait.isNegative()) {
                err.printf("next run at %s%n", start.plus(options.every()));
                Thread.sleep(wait.toMillis());
            }
        }
    }

    private enum Outcome {
        PUBLISHED,
        REFUSED,
        FAILED
    }

    /** What the loop has done so far; each run's summary carries it, for dashboards and alerts. */
    private static final class LoopCounts {
        long runs;
        long published;
        long refused;
        long failed;

        void count(Outcome o) {
            runs++;
            switch (o) {
                case PUBLISHED -> published++;
                case REFUSED -> refused++;
                case FAILED -> failed++;
            }
        }

        RunSummary addTo(RunSummary s) {
            return s.put("runs", runs)
                    .put("runs_published", published)
                    .put("runs_refused_by_gate", refused)
                    .put("runs_failed", failed);
        }
    }

    private static Outcome once(
            RetrainOptions options,
            PrintStream out,
            PrintStream err,
            boolean back,
            LoopCounts counts) {
        Instant now = Instant.now();
        RunSummary s;
        Outcome outcome;
        try {
            s =
                    back
                            ? RetrainRun.republish(options, now, err)
                            : RetrainRun.train(options, now, err);
            outcome = s.published() ? Outcome.PUBLISHED : Outcome.REFUSED;
        } catch (Exception e) {
            // unreadable topic, empty window, failed publish: counted as a run that did not publish
            err.println("retrain failed: " + e);
            s =
                    new RunSummary()
                            .put("started", now.toString())
                            .put("published", false)
                            .put("reason", "failed: " + e.getMessage());
            outcome = Outcome.FAILED;
        }
        counts.count(outcome);
        out.println(counts.addTo(s).json());
        return outcome;
    }
}
