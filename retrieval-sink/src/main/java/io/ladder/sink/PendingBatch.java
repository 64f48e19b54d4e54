package io.ladder.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists buffered for one pipelined round trip, coalesced per user: only the highest sequence of a
 * user is sent, the others are acknowledged as not stored once the batch is confirmed. A hot user
 * (or the backlog after a restore) then costs one Redis write per batch instead of one per list.
 * Not thread-safe; the writer guards it.
 */
final class PendingBatch {
    private final ArrayList<PendingList> toSend;
    private final Map<String, Integer> indexByUser;
    private final ArrayList<PendingList> superseded = new ArrayList<>(0);

    PendingBatch(int capacity) {
        this.toSend = new ArrayList<>(capacity);
        this.indexByUser = new HashMap<>(capacity * 2);
    }

    void add(PendingList list) {
        Integer index = indexByUser.putIfAbsent(list.userId(), toSend.size());
        if (index == null) {
            toSend.add(list);
            return;
        }
        PendingList held = toSend.get(index);
        if (list.sequence() > held.sequence()) {
            toSend.set(index, list);
            superseded.add(held);
        } else {
            superseded.add(list);
        }
    }

    /** Lists added, coalesced or not (bounds the memory a batch holds). */
    int size() {
        return toSend.size() + superseded.size();
    }

    boolean isEmpty() {
        return toSend.isEmpty();
    }

    /** One list per user, the highest sequence, in first-write order. */
    List<PendingList> toSend() {
        return toSend;
    }

    /** Lists replaced in this batch by a higher (or equal, earlier) sequence of their user. */
    List<PendingList> superseded() {
        return superseded;
    }
}
