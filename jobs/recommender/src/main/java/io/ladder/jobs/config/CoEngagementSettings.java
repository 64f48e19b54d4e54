package io.ladder.jobs.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * The item-to-item co-engagement source ({@code co-engagement.*}): items engaged by the same users
 * close together in time become each other's neighbours, counted in item-keyed state and broadcast
 * to every retrieval subtask as each item's strongest neighbours.
 *
 * @param enabled whether lists get the source at all (off: the ablation without it)
 * @param history a user's latest distinct items an event pairs with (both ways)
 * @param neighbours strongest neighbours per item that are broadcast (what a list draws from)
 * @param keep neighbour counts kept per item; the weakest half goes when twice as many are held
 * @param maxItems items with neighbour counts live at once per counting subtask (a ceiling for a
 *     producer inventing ids; an item over it is not counted)
 * @param ttl event time without a pair after which an item's counts and broadcast neighbours go
 * @param userTtl processing time after which an inactive user's latest items are forgotten
 * @param popularityExponent how strongly a candidate's own co-engagement mass discounts its score
 *     (0: raw counts, which favour the items everyone engages with)
 */
public record CoEngagementSettings(
        boolean enabled,
        int history,
        int neighbours,
        int keep,
        int maxItems,
        Duration ttl,
        Duration userTtl,
        double popularityExponent)
        implements Serializable {

    public static final boolean DEFAULT_ENABLED = true;

    /** As the evaluation's covisit baseline: the last 20 items carry most of the next click. */
    public static final int DEFAULT_HISTORY = 20;

    /**
     * Broadcast neighbours per item: every retrieval subtask holds them for every counted item
     * (about 20 x 40 bytes each), and 20 x 20 recent items already give a list 400 candidates.
     */
    public static final int DEFAULT_NEIGHBOURS = 20;

    public static final int DEFAULT_KEEP = 200;
    public static final int DEFAULT_MAX_ITEMS = 100_000;
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);
    public static final Duration DEFAULT_USER_TTL = Duration.ofDays(30);

    /**
     * A list scores neighbour c by its recency-weighted counts over {@code (1 + m_c)^exponent}, m_c
     * the sum of c's own broadcast neighbour weights (how much c is co-engaged at all): raw counts
     * rank the items everyone engages with first, whatever the user did. Chosen on the validation
     * windows (the last 10% of warm-up) of ml-latest-small and dev.csv from {0, 0.3, 0.6, 1}; see
     * jobs/EVALUATE.md.
     */
    public static final double DEFAULT_POPULARITY_EXPONENT = 0.6;

    public CoEngagementSettings {
        if (history < 1 || neighbours < 1 || keep < neighbours || maxItems < 0) {
            throw new IllegalArgumentException(
                    "co-engagement needs history >= 1, neighbours >= 1, keep >= neighbours and"
                            + " max-items >= 0; were "
                            + history
                            + ", "
                            + neighbours
                            + ", "
                            + keep
                            + ", "
                            + maxItems);
        }
        if (!(popularityExponent >= 0 && popularityExponent <= 2)) {
            throw new IllegalArgumentException(
                    "--co-engagement.popularity-exponent must be in [0, 2], was "
                            + popularityExponent);
        }
        if (ttl.isZero() || ttl.isNegative() || userTtl.isZero() || userTtl.isNegative()) {
            throw new IllegalArgumentException(
                    "--co-engagement.ttl and --co-engagement.user-ttl must be positive");
        }
    }

    static CoEngagementSettings parse(RawOptions options) {
        return new CoEngagementSettings(
                options.flag("co-engagement.enabled", DEFAULT_ENABLED),
                options.integer("co-engagement.history", DEFAULT_HISTORY, 1, 200),
                options.integer("co-engagement.neighbours", DEFAULT_NEIGHBOURS, 1, 1_000),
                options.integer("co-engagement.keep", DEFAULT_KEEP, 1, 100_000),
                options.integer("co-engagement.max-items", DEFAULT_MAX_ITEMS, 0, 10_000_000),
                options.duration("co-engagement.ttl", DEFAULT_TTL),
                options.duration("co-engagement.user-ttl", DEFAULT_USER_TTL),
                options.decimal("co-engagement.popularity-exponent", DEFAULT_POPULARITY_EXPONENT));
    }
}
