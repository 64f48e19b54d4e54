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
            return once(options, out, err, true);
        }
        if (options.once()) {
            return once(options, out, err, false);
        }
        while (true) {
            Instant start = Instant.now();
            once(options, out, err, false); // a failed run is reported; the next one still comes
            Duration wait = Duration.between(Instant.now(), start.plus(options.every()));
            if (!wait.isNegative()) {
                err.printf("next run at %s%n", start.plus(options.every()));
                Thread.sleep(wait.toMillis());
            }
        }
    }

    private static int once(
            RetrainOptions options, PrintStream out, PrintStream err, boolean back) {
        Instant now = Instant.now();
        try {
            RunSummary s =
                    back
                            ? RetrainRun.republish(options, now, err)
                            : RetrainRun.train(options, now, err);
            out.println(s.json());
            return 0;
        } catch (Exception e) {
            // unreadable topic, empty window, failed publish: counted as a run that did not publish
            err.println("retrain failed: " + e);
            out.println(
                    new RunSummary()
                            .put("started", now.toString())
                            .put("published", false)
                            .put("reason", "failed: " + e.getMessage())
                            .json());
            return 1;
        }
    }
}
