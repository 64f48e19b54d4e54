package io.ladder.evaluate;

import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scored events of the test stream, in stream order, with what the stream before each says
 * about its item: whether the same user had touched it (re-engagement, else discovery), and whether
 * anyone had.
 */
public final class TestTargets {
    /**
     * @param testIndex position in the test stream
     */
    public record Scored(
            int testIndex,
            Target target,
            String userId,
            String itemId,
            boolean reengagement,
            boolean anyone) {}

    private final List<Scored> scored;
    private final boolean[] isTarget;

    private TestTargets(List<Scored> scored, boolean[] isTarget) {
        this.scored = scored;
        this.isTarget = isTarget;
    }

    public static TestTargets of(List<UserEvent> warmup, List<UserEvent> test) {
        Set<String> anyone = new HashSet<>();
        Map<String, Set<String>> byUser = new HashMap<>();
        for (UserEvent e : warmup) {
            anyone.add(e.getItemId());
            byUser.computeIfAbsent(e.getUserId(), u -> new HashSet<>()).add(e.getItemId());
        }
        List<Scored> scored = new ArrayList<>();
        boolean[] isTarget = new boolean[test.size()];
        for (int i = 0; i < test.size(); i++) {
            UserEvent e = test.get(i);
            Target target = targetOf(e.getType());
            Set<String> own = byUser.computeIfAbsent(e.getUserId(), u -> new HashSet<>());
            if (target != null) {
                isTarget[i] = true;
                scored.add(
                        new Scored(
                                i,
                                target,
                                e.getUserId(),
                                e.getItemId(),
                                own.contains(e.getItemId()),
                                anyone.contains(e.getItemId())));
            }
            own.add(e.getItemId());
            anyone.add(e.getItemId());
        }
        return new TestTargets(List.copyOf(scored), isTarget);
    }

    static Target targetOf(EventType type) {
        return switch (type) {
            case PURCHASE -> Target.PURCHASE;
            case CART -> Target.CART;
            default -> null;
        };
    }

    public List<Scored> scored() {
        return scored;
    }

    public boolean isTarget(int testIndex) {
        return isTarget[testIndex];
    }

    public long count(Target target) {
        return scored.stream().filter(s -> s.target() == target).count();
    }

    /** Share of {@code target} events whose item the same user (or anyone) engaged before. */
    public double share(Target target, boolean sameUser) {
        long n = 0;
        long hit = 0;
        for (Scored s : scored) {
            if (s.target() == target) {
                n++;
                if (sameUser ? s.reengagement() : s.anyone()) {
                    hit++;
                }
            }
        }
        return n == 0 ? Double.NaN : (double) hit / n;
    }
}
