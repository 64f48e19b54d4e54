package io.ladder.jobs.csv;

import io.ladder.schemas.EventType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a CSV behavior name to an engagement level. Names are case-insensitive. The default covers
 * the public e-commerce logs we see (Taobao: pv/fav/cart/buy; RetailRocket: view/addtocart/
 * transaction); Taobao's {@code fav} is a cart-level intent signal (docs/MODELS.md section 1).
 */
public final class BehaviorMapping {
    public static final String DEFAULT_SPEC =
            "pv=CLICK,click=CLICK,view=CLICK,fav=CART,cart=CART,addtocart=CART,"
                    + "buy=PURCHASE,purchase=PURCHASE,transaction=PURCHASE";

    private final Map<String, EventType> names;

    private BehaviorMapping(Map<String, EventType> names) {
        this.names = Map.copyOf(names);
    }

    public static BehaviorMapping defaults() {
        return parse(DEFAULT_SPEC);
    }

    /**
     * Parses {@code name=LEVEL,name=LEVEL,...}; LEVEL is CLICK, CART or PURCHASE.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static BehaviorMapping parse(String spec) {
        Map<String, EventType> names = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0 || eq == trimmed.length() - 1) {
                throw new IllegalArgumentException(
                        "behavior mapping entry '" + trimmed + "' is not name=LEVEL");
            }
            String level = trimmed.substring(eq + 1).trim().toUpperCase(Locale.ROOT);
            EventType type;
            try {
                type = EventType.valueOf(level);
            } catch (IllegalArgumentException e) {
                type = EventType.UNKNOWN;
            }
            if (type == EventType.UNKNOWN) {
                throw new IllegalArgumentException(
                        "behavior mapping entry '"
                                + trimmed
                                + "': level must be CLICK, CART or PURCHASE");
            }
            names.put(trimmed.substring(0, eq).trim().toLowerCase(Locale.ROOT), type);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("behavior mapping is empty");
        }
        return new BehaviorMapping(names);
    }

    public Optional<EventType> map(String behavior) {
        return Optional.ofNullable(names.get(behavior.trim().toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
