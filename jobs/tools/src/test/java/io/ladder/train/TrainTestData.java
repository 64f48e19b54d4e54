package io.ladder.train;

import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import java.time.Instant;
import java.util.List;

/** The trainer's synthetic history for tests of other packages (the retrain command). */
public final class TrainTestData {
    public static final Instant START = SyntheticHistory.START;
    public static final Instant END = SyntheticHistory.END;

    private TrainTestData() {}

    public static List<UserEvent> history(long seed, int users, int clicksPerUser) {
        return SyntheticHistory.generate(seed, users, clicksPerUser);
    }

    public static UserEvent event(
            String user, String item, String category, EventType type, Instant t, int n) {
        return UserEvent.newBuilder()
                .setEventId("e" + n)
                .setUserId(user)
                .setItemId(item)
                .setCategoryId(category)
                .setType(type)
                .setEventTime(t)
                .build();
    }
}
