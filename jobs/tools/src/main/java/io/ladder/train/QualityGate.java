package io.ladder.train;

import java.util.Locale;

/**
 * Decides whether a new tower may replace the previous one: both are scored on the new window's
 * held-out pairs, each with users fitted to its own item vectors ({@link FittedUsers}), and the new
 * one is refused when its mean per-level AUC is below the previous one's minus {@code margin}. A
 * retrain must never publish a tower worse than the one serving: a bad window (an outage, a bot, a
 * broken producer) would otherwise roll quality back with nobody watching.
 */
public final class QualityGate {
    public static final double DEFAULT_MARGIN = 0.01;

    /**
     * @param publish whether the new tower may be published
     * @param candidate the new tower's held-out AUCs (item-profile scoring)
     * @param previous the previous tower's on the same pairs, null without one
     * @param reason why, for the log and the run's summary
     */
    public record Decision(
            boolean publish, LevelAucs candidate, LevelAucs previous, String reason) {}

    private QualityGate() {}

    /** Scores the new tower and the previous one (null: none) on the new tower's held-out pairs. */
    public static Decision decide(TrainedTower candidate, ItemEmbeddings previous, double margin) {
        GateSet set = candidate.gateSet();
        if (set.size() == 0) {
            return new Decision(
                    false,
                    null,
                    null,
                    "no held-out pairs to score on (keep --validation-share > 0)");
        }
        LevelAucs fresh = score(set, candidate);
        if (previous == null) {
            return new Decision(true, fresh, null, "no previous version");
        }
        LevelAucs old = score(set, previous);
        double floor = old.mean() - margin;
        if (Double.isNaN(old.mean()) || fresh.mean() >= floor) {
            return new Decision(
                    true,
                    fresh,
                    old,
                    String.format(
                            Locale.ROOT,
                            "AUC %.4f >= previous %.4f - margin %.4f",
                            fresh.mean(),
                            old.mean(),
                            margin));
        }
        return new Decision(
                false,
                fresh,
                old,
                String.format(
                        Locale.ROOT,
                        "refused: AUC %.4f < previous %s %.4f - margin %.4f",
                        fresh.mean(),
                        previous.modelVersion(),
                        old.mean(),
                        margin));
    }

    static LevelAucs score(GateSet set, ItemEmbeddings tower) {
        return FittedUsers.score(set, tower);
    }
}
