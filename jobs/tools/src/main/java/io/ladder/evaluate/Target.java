package io.ladder.evaluate;

import java.util.Locale;

/** The event levels scored: purchases, and cart-level events (cart, fav) separately. */
public enum Target {
    PURCHASE,
    CART;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
