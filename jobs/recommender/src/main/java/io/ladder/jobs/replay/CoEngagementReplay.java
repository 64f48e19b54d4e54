package io.ladder.jobs.replay;

import io.ladder.jobs.config.CoEngagementSettings;
import io.ladder.jobs.ingest.CatalogRecord;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.neighbours.NeighbourCounts;
import io.ladder.jobs.neighbours.PairUpdate;
import io.ladder.jobs.neighbours.UserPairs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the job's pairing and neighbour-counting operators do, in one thread: each event's pairs are
 * counted at once, an item's neighbours broadcast when {@link NeighbourCounts} says so, and, while
 * more than half of {@code co-engagement.max-items} items are counted, an item without a pair for
 * {@code co-engagement.ttl} of event time forgets its counts and its broadcast neighbours, as the
 * job's timer does (one thread: the replay is the job at parallelism 1). Expiry shapes the lists on
 * sparse data, so the replay has it too. The cap's refusal of new items is left out (the replay's
 * ids come from a file, not a producer).
 */
final class CoEngagementReplay {
    private final CoEngagementSettings settings;
    private final Map<String, String[]> recent = new HashMap<>();
    private final Map<String, NeighbourCounts.MapStore> counts = new HashMap<>();
    // expiry timers, pushed forward lazily like the job's: due time -> items
    private final NavigableMap<Long, Set<String>> expiries = new TreeMap<>();
    private final long ttlMillis;

    CoEngagementReplay(CoEngagementSettings settings) {
        this.settings = settings;
        this.ttlMillis = settings.ttl().toMillis();
    }

    /** The catalogue records of the items whose counts expire by {@code watermark}, in order. */
    List<CatalogRecord> expire(long watermark) {
        List<CatalogRecord> out = new ArrayList<>();
        while (!expiries.isEmpty() && expiries.firstKey() <= watermark) {
            Map.Entry<Long, Set<String>> timer = expiries.pollFirstEntry();
            for (String item : timer.getValue()) {
                NeighbourCounts.MapStore store = counts.get(item);
                if (store == null) {
                    continue;
                }
                long due = due(store.header()[NeighbourCounts.LAST_SEEN]);
                if (due > timer.getKey()) {
                    schedule(item, due);
                } else if (counts.size() <= settings.maxItems() / 2) {
                    schedule(item, due(timer.getKey())); // room to spare: kept
                } else {
                    counts.remove(item);
                    out.add(CatalogRecord.neighbours(item, null, timer.getKey()));
                }
            }
        }
        return out;
    }

    private long due(long lastSeen) {
        return lastSeen > Long.MAX_VALUE - ttlMillis ? Long.MAX_VALUE : lastSeen + ttlMillis;
    }

    private void schedule(String item, long due) {
        expiries.computeIfAbsent(due, t -> new HashSet<>()).add(item);
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
            NeighbourCounts.MapStore store = counts.get(update.itemId);
            if (store == null) {
                store = new NeighbourCounts.MapStore();
                counts.put(update.itemId, store);
                schedule(update.itemId, due(update.time));
            }
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
