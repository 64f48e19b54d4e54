package io.ladder.evaluate;

import java.util.Locale;

/**
 * {@code scripts/evaluate}: prequential replay of an events CSV through the job's Recommender and
 * the baselines; see jobs/EVALUATE.md. Exit code 0 = done, 2 = bad arguments, 1 = failure.
 */
public final class EvaluateCommand {
    private EvaluateCommand() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        EvaluateOptions options;
        try {
            options = EvaluateOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("evaluate: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            EvaluationResult result = run(options);
            System.err.printf(
                    Locale.ROOT,
                    "evaluate: wrote %s/metrics.json and report.md in %.1f s%n",
                    options.out(),
                    result.seconds());
        } catch (IllegalArgumentException e) {
            System.err.println("evaluate: " + e.getMessage());
            System.exit(2);
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("evaluate: no such file " + e.getFile() + " (check --events)");
            System.exit(2);
        } catch (Exception e) {
            System.err.println("evaluate: failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs the evaluation and writes its outputs. */
    public static EvaluationResult run(EvaluateOptions options) throws Exception {
        Progress progress = new Progress(System.err, options.progress());
        EvaluationResult result = new Evaluation(options, progress).run();
        progress.phase("writing report", 1);
        ReportWriter.write(result, options.out());
        progress.finish();
        return result;
    }
}
