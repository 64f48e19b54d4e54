package io.ladder.train;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a training run did and how well it did on the held-out part.
 *
 * @param objective gnolr, binary or no-nesting
 * @param modelVersion version of the published records
 * @param windowEnd end of the events window (exclusive): --until, or just after the last event
 * @param heldOutStart start of the held-out part (the validation cut: the last share of the
 *     window's events, {@link ValidationCut})
 * @param eventsInWindow engagement events read before windowEnd
 * @param trainEvents events before heldOutStart (trained on)
 * @param heldOutEvents events in the held-out part (never trained on)
 * @param trainPairs distinct (user, item) positive pairs trained on
 * @param heldOutPairsScored held-out pairs scored (positives of known users plus sampled negatives)
 * @param heldOutPairsSkipped held-out positive pairs of users the training part never saw
 * @param users users with a trained vector
 * @param items items with a trained id embedding
 * @param categories categories with trained heads
 * @param gamma the logit scale used (chosen automatically unless configured)
 * @param baseRates pi_1..pi_T of the training mixture (see {@link BaseRates})
 * @param cutpoints a_1..a_T
 * @param epochs per-epoch loss and AUCs
 * @param bestEpoch the epoch whose parameters were kept (best mean held-out AUC)
 * @param heldOut AUCs of the kept parameters
 * @param trainSeconds wall time of training (sampling, epochs, validation), excluding reading
 * @param threads worker threads
 * @param refitEpochs epochs of the refit on the whole window (0 = no refit: the vectors are the
 *     best epoch's, trained on the training part only); AUCs are those of the validated run
 */
public record TrainReport(
        String objective,
        String modelVersion,
        Instant windowEnd,
        Instant heldOutStart,
        long eventsInWindow,
        long trainEvents,
        long heldOutEvents,
        long trainPairs,
        long heldOutPairsScored,
        long heldOutPairsSkipped,
        int users,
        int items,
        int categories,
        double gamma,
        double[] baseRates,
        double[] cutpoints,
        List<EpochStats> epochs,
        int bestEpoch,
        LevelAucs heldOut,
        double trainSeconds,
        int threads,
        int refitEpochs) {

    /** Training events times epochs run (refit included), per second of training. */
    public double eventsPerSecond() {
        double events =
                trainEvents * (double) epochs.size() + eventsInWindow * (double) refitEpochs;
        return trainSeconds > 0 ? events / trainSeconds : 0;
    }

    /** The same report after a refit of {@code epochs} epochs that took {@code seconds} more. */
    TrainReport withRefit(String version, int epochs, double seconds) {
        return new TrainReport(
                objective,
                version,
                windowEnd,
                heldOutStart,
                eventsInWindow,
                trainEvents,
                heldOutEvents,
                trainPairs,
                heldOutPairsScored,
                heldOutPairsSkipped,
                users,
                items,
                categories,
                gamma,
                baseRates,
                cutpoints,
                this.epochs,
                bestEpoch,
                heldOut,
                trainSeconds + seconds,
                threads,
                epochs);
    }

    /** Examples (positives and negatives) times epochs run, per second of training. */
    public double examplesPerSecond(int negatives) {
        return trainSeconds > 0 ? trainPairs * (1.0 + negatives) * epochs.size() / trainSeconds : 0;
    }

    /** The report as a JSON object; {@code extra} members (already JSON) are appended. */
    public String toJson(int negatives, String extra) {
        StringBuilder b = new StringBuilder("{\n");
        field(b, "objective", quote(objective));
        field(b, "model_version", quote(modelVersion));
        field(b, "window_end", quote(windowEnd.toString()));
        field(b, "held_out_start", quote(heldOutStart.toString()));
        field(b, "events_in_window", Long.toString(eventsInWindow));
        field(b, "train_events", Long.toString(trainEvents));
        field(b, "held_out_events", Long.toString(heldOutEvents));
        field(b, "train_pairs", Long.toString(trainPairs));
        field(b, "held_out_pairs_scored", Long.toString(heldOutPairsScored));
        field(b, "held_out_pairs_skipped_unknown_user", Long.toString(heldOutPairsSkipped));
        field(b, "users", Integer.toString(users));
        field(b, "items", Integer.toString(items));
        field(b, "categories", Integer.toString(categories));
        field(b, "gamma", num(gamma));
        field(b, "base_rates", array(baseRates));
        field(b, "cutpoints", array(cutpoints));
        StringBuilder e = new StringBuilder("[");
        for (int i = 0; i < epochs.size(); i++) {
            EpochStats s = epochs.get(i);
            e.append(i == 0 ? "\n    " : ",\n    ")
                    .append("{\"epoch\": ")
                    .append(s.epoch())
                    .append(", \"loss\": ")
                    .append(num(s.loss()))
                    .append(", \"seconds\": ")
                    .append(num(s.seconds()))
                    .append(", \"auc\": ")
                    .append(aucs(s.heldOut()))
                    .append('}');
        }
        field(b, "epochs", e.append("\n  ]").toString());
        field(b, "best_epoch", Integer.toString(bestEpoch));
        field(b, "held_out_auc", aucs(heldOut));
        field(b, "train_seconds", num(trainSeconds));
        field(b, "threads", Integer.toString(threads));
        field(b, "refit_epochs", Integer.toString(refitEpochs));
        field(b, "train_events_per_second", num(eventsPerSecond()));
        field(b, "examples_per_second", num(examplesPerSecond(negatives)));
        if (extra != null && !extra.isBlank()) {
            String members = extra.strip();
            if (members.endsWith(",")) {
                members = members.substring(0, members.length() - 1);
            }
            b.append("  ").append(members).append(",\n");
        }
        b.setLength(b.length() - 2);
        return b.append("\n}\n").toString();
    }

    static String aucs(LevelAucs a) {
        long[] p = a.pairs();
        return "{\"engagement\": "
                + num(a.engagement())
                + ", \"cart_given_click\": "
                + num(a.cartGivenClick())
                + ", \"purchase_given_cart\": "
                + num(a.purchaseGivenCart())
                + ", \"purchase_vs_all\": "
                + num(a.purchaseVsAll())
                + ", \"mean\": "
                + num(a.mean())
                + ", \"pairs_by_label\": ["
                + p[0]
                + ", "
                + p[1]
                + ", "
                + p[2]
                + ", "
                + p[3]
                + "]}";
    }

    private static void field(StringBuilder b, String name, String json) {
        b.append("  ").append(quote(name)).append(": ").append(json).append(",\n");
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    private static String array(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(num(values[i]));
        }
        return b.append(']').toString();
    }
}
