package io.ladder.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.util.JedisClusterCRC16;

/** How {@link BatchSender} cuts a batch into script calls. */
final class ScriptCalls {
    private ScriptCalls() {}

    /**
     * The entries in calls of at most {@code keysPerCall}: in order for a standalone server; for
     * Redis Cluster grouped by hash slot (all keys of a call must share one), in order within each
     * slot. A batch holds one entry per user, so a call never names a key twice.
     */
    static List<List<PendingList>> split(
            List<PendingList> entries, int keysPerCall, boolean cluster) {
        List<List<PendingList>> calls = new ArrayList<>(entries.size() / keysPerCall + 1);
        if (!cluster) {
            for (int from = 0; from < entries.size(); from += keysPerCall) {
                calls.add(entries.subList(from, Math.min(entries.size(), from + keysPerCall)));
            }
            return calls;
        }
        Map<Integer, List<PendingList>> open = new HashMap<>();
        for (PendingList p : entries) {
            int slot = JedisClusterCRC16.getSlot(p.key());
            List<PendingList> call = open.get(slot);
            if (call == null) {
                call = new ArrayList<>(2);
                calls.add(call);
                open.put(slot, call);
            }
            call.add(p);
            if (call.size() == keysPerCall) {
                open.remove(slot);
            }
        }
        return calls;
    }
}
