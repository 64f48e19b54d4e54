package io.ladder.train;

import io.ladder.model.OrdinalModel;
import java.util.Locale;

/** What the item tower is trained for: GNOLR and the two ablations the evaluation compares. */
public enum Objective {
    /** Nested ordinal loss over click, cart, purchase (GNOLR). */
    GNOLR("gnolr", 3, OrdinalModel.Loss.NESTED),
    /** One level: any engagement is positive. */
    BINARY("binary", 1, OrdinalModel.Loss.NESTED),
    /** The single three-level ordinal loss (the paper's "no nesting" ablation). */
    NO_NESTING("no-nesting", 3, OrdinalModel.Loss.SINGLE);

    private final String cliName;
    private final int levels;
    private final OrdinalModel.Loss loss;

    Objective(String cliName, int levels, OrdinalModel.Loss loss) {
        this.cliName = cliName;
        this.levels = levels;
        this.loss = loss;
    }

    /** The name used on the command line and in {@code ModelInfo.objective}. */
    public String cliName() {
        return cliName;
    }

    /** Number of feedback levels T the tower has heads for. */
    public int levels() {
        return levels;
    }

    public OrdinalModel.Loss loss() {
        return loss;
    }

    /** The training label of an observed level 0..3 under this objective (capped at T). */
    public int trainingLabel(int level) {
        return Math.min(level, levels);
    }

    public static Objective parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Objective o : values()) {
            if (o.cliName.equals(wanted)) {
                return o;
            }
        }
        throw new IllegalArgumentException(
                "unknown objective '" + name + "': use gnolr, binary or no-nesting");
    }
}
