package io.ladder.jobs.ingest;

import io.ladder.schemas.EventType;

/** Event types as ordinal levels: 1 = CLICK, 2 = CART, 3 = PURCHASE (0 is "no engagement"). */
public final class Levels {
    public static final int CLICK = 1;
    public static final int CART = 2;
    public static final int PURCHASE = 3;

    private Levels() {}

    public static int of(EventType type) {
        return switch (type) {
            case CLICK -> CLICK;
            case CART -> CART;
            case PURCHASE -> PURCHASE;
            default -> throw new IllegalArgumentException("no level for event type " + type);
        };
    }

    /** The event type of a level, for re-encoding an event. */
    public static EventType type(int level) {
        return switch (level) {
            case CLICK -> EventType.CLICK;
            case CART -> EventType.CART;
            case PURCHASE -> EventType.PURCHASE;
            default -> EventType.UNKNOWN;
        };
    }
}
