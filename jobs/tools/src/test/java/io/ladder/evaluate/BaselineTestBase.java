package io.ladder.evaluate;

import io.ladder.schemas.UserEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds hand-made streams to a baseline: one event a second from a fixed instant, so the expected
 * lists can be worked out by hand.
 */
abstract class BaselineTestBase {
    static final long T0 = 1_600_000_000L;
    private long clock = T0;

    /** Feeds {@code "user item behavior [category]"} events in order, lists not asked for. */
    void feed(EvaluatedSystem system, String... events) throws Exception {
        for (String e : events) {
            system.step(event(e), false);
        }
    }

    /** The system's list for {@code event} (then the system learns from it). */
    List<String> listAt(EvaluatedSystem system, String e) throws Exception {
        List<String> list = system.step(event(e), true);
        return list == null ? null : new ArrayList<>(list);
    }

    private UserEvent event(String spec) {
        String[] p = spec.split(" ");
        UserEvent e = TestEvents.event(p[0], p[1], p[2], clock++);
        if (p.length > 3) {
            e.setCategoryId(p[3]);
        }
        return e;
    }
}
