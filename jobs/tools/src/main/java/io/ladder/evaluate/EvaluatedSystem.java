package io.ladder.evaluate;

import io.ladder.schemas.UserEvent;
import java.util.List;

/**
 * One system under evaluation, fed every event of the stream once, in time order (warm-up first).
 * For a test event it hands back the user's candidate list as it stood just before the event, then
 * learns from the event: test, then train.
 */
public interface EvaluatedSystem {
    String name();

    /**
     * @param wantList whether the caller scores this event (then the list is returned)
     * @return the user's list before {@code event}, best first, at most {@code maxK} ids; null when
     *     the system has none for the user (or {@code wantList} is false)
     */
    List<String> step(UserEvent event, boolean wantList) throws Exception;
}
