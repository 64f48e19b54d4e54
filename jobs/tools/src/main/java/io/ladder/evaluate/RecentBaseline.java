package io.ladder.evaluate;

import io.ladder.schemas.UserEvent;
import java.util.ArrayList;
import java.util.List;

/** The user's own recent items, newest first, purchased items removed (the job's bounds). */
final class RecentBaseline implements EvaluatedSystem {
    private final RecentItems recent;
    private final int maxK;

    RecentBaseline(int bound, int maxK) {
        this.recent = new RecentItems(bound);
        this.maxK = maxK;
    }

    @Override
    public String name() {
        return "recent";
    }

    @Override
    public List<String> step(UserEvent event, boolean wantList) {
        List<String> list = null;
        if (wantList) {
            list = new ArrayList<>();
            for (String item : recent.newestFirst(event.getUserId())) {
                if (list.size() == maxK) {
                    break;
                }
                if (!recent.purchased(event.getUserId(), item)) {
                    list.add(item);
                }
            }
        }
        recent.record(event);
        return list;
    }
}
