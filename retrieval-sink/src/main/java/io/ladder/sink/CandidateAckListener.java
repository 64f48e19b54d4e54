package io.ladder.sink;

import io.ladder.schemas.CandidateList;
import java.io.Serializable;
import org.apache.flink.metrics.MetricGroup;

/**
 * Told about every candidate list after Redis answered its write, e.g. to measure freshness ({@code
 * now - list.getGeneratedTime()} at the moment the serving tier can see the list).
 *
 * <p>Each writer (subtask) gets its own deserialized copy; {@link #open} is called once on the task
 * thread when the writer starts, then {@link #acknowledged} only from the writer's single I/O
 * thread, in batch order. Keep it fast: it runs between Redis round trips.
 */
@FunctionalInterface
public interface CandidateAckListener extends Serializable {
    /** Called once before the first acknowledgement, to register metrics (optional). */
    default void open(MetricGroup metricGroup) {}

    /**
     * A list whose write Redis confirmed.
     *
     * @param list the list as given to the sink (do not modify it)
     * @param stored true when it replaced the user's list; false when Redis kept a list with an
     *     equal or higher sequence (a replayed or out-of-order list)
     */
    void acknowledged(CandidateList list, boolean stored);
}
