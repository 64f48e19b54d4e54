package io.ladder.jobs.replay;

import io.ladder.jobs.config.CoEngagementSettings;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.neighbours.NeighbourCounts;
import io.ladder.jobs.neighbours.PairUpdate;
import io.ladder.jobs.neighbours.UserPairs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the job's pairing and neighbour-counting operators do, in one thread: each event's pairs are
 * counted at once and an item's neighbours broadcast when {@link NeighbourCounts} says so. The
 * job's cap and time-to-live are left out (the replay's ids come from a file, not a producer).
 */
final class CoEngagementReplay {
    private final CoEngagementSettings settings;
    private final Map<String, String[]> recent = new HashMap<>();
    private final Map<String, NeighbourCounts.MapStore> counts = new HashMap<>();

    CoEngagementReplay(CoEngagementSettings settings) {
        this.settings = settings;
    }

    /** The catalogue records the event's pairs lead to, in order. */
    List<CatalogRecord> pair(EventRecord event) throws Exception {
        List<PairUpdate> updates = new ArrayList<>();
        recent.put(
                event.userId,
                UserPairs.engage(
                        recent.get(event.userId),
                        event.itemId,
                        event.eventTime,
                        settings.history(),
                        updates::add));
        List<CatalogRecord> out = new ArrayList<>();
        for (PairUpdate update : updates) {
            NeighbourCounts.MapStore store =
                    counts.computeIfAbsent(update.itemId, id -> new NeighbourCounts.MapStore());
            if (NeighbourCounts.add(
                    store, store.header(), update.itemId, update, settings.keep())) {
                out.add(
                        CatalogRecord.neighbours(
                                update.itemId,
                                NeighbourCounts.top(store, settings.neighbours()),
                                update.time));
            }
        }
        return out;
    }
}
