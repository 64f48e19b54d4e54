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
 */
public record CoEngagementSettings(
        boolean enabled,
        int history,
        int neighbours,
        int keep,
        int maxItems,
        Duration ttl,
        Duration userTtl)
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
                options.duration("co-engagement.user-ttl", DEFAULT_USER_TTL));
    }
}
