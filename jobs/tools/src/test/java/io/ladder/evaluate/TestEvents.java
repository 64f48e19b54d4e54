package io.ladder.evaluate;

import io.ladder.jobs.csv.BehaviorMapping;
import io.ladder.schemas.UserEvent;
import java.time.Instant;

final class TestEvents {
    private TestEvents() {}

    static UserEvent event(String user, String item, String behavior, long seconds) {
        return UserEvent.newBuilder()
                .setEventId(user + item + behavior + seconds)
                .setUserId(user)
                .setItemId(item)
                .setCategoryId("c-" + item)
                .setType(BehaviorMapping.defaults().map(behavior).orElseThrow())
                .setEventTime(Instant.ofEpochSecond(seconds))
                .build();
    }
}
