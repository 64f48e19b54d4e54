package io.ladder.jobs.pipeline.user;

import io.ladder.jobs.ingest.DeadLetters;
import io.ladder.jobs.ingest.EventRecord;
import io.ladder.jobs.ingest.Levels;
import io.ladder.jobs.ingest.RejectedRecord;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Valid records whose processing threw: a bug of ours, not the record's fault. Each becomes a dead
 * letter with stage {@code process} (events) or is counted and logged (catalogue changes and
 * timers), instead of failing the task into a restart loop that replays the same record.
 */
final class ProcessFailures implements Serializable {
    static final OutputTag<RejectedRecord> DEAD_LETTERS = new OutputTag<>("process-failures") {};

    private static final Logger LOG = LoggerFactory.getLogger(ProcessFailures.class);
    private static final long LOG_INTERVAL_MILLIS = 10_000;

    private final String eventsTopic;
    private final String itemsTopic;
    private transient Counter events;
    private transient Counter catalogue;
    private transient Counter timers;
    private transient long lastLog;
    private transient long unlogged;

    ProcessFailures(String eventsTopic, String itemsTopic) {
        this.eventsTopic = eventsTopic;
        this.itemsTopic = itemsTopic;
    }

    void open(MetricGroup group) {
        events = group.counter("processFailures");
        group.meter("processFailuresPerSecond", new MeterView(events));
        catalogue = group.counter("catalogProcessFailures");
        timers = group.counter("timerProcessFailures");
    }

    /** The event's dead letter: the event re-encoded (its bytes are gone by now) and why. */
    RejectedRecord event(EventRecord event, RuntimeException failure) {
        events.inc();
        log(
                "event at {}/{}@{} (user {})",
                failure,
                eventsTopic,
                event.sourcePartition,
                event.sourceOffset,
                event.userId);
        byte[] key = event.userId.getBytes(StandardCharsets.UTF_8);
        UserEvent original =
                UserEvent.newBuilder()
                        .setEventId(event.eventId)
                        .setUserId(event.userId)
                        .setItemId(event.itemId)
                        .setCategoryId(event.categoryId)
                        .setType(Levels.type(event.level))
                        .setEventTime(Instant.ofEpochMilli(event.eventTime))
                        .build();
        return new RejectedRecord(
                key,
                Codecs.DEAD_LETTER.encode(
                        DeadLetters.of(
                                eventsTopic,
                                event.sourcePartition,
                                event.sourceOffset,
                                key,
                                Codecs.USER_EVENT.encode(original),
                                DeadLetters.STAGE_PROCESS,
                                reason(failure))));
    }

    /** A catalogue change that threw; the dead letter names the item or version. */
    RejectedRecord catalogue(String id, byte[] payload, RuntimeException failure) {
        catalogue.inc();
        log("catalogue change {}", failure, id);
        byte[] key = id == null ? null : id.getBytes(StandardCharsets.UTF_8);
        return new RejectedRecord(
                key,
                Codecs.DEAD_LETTER.encode(
                        DeadLetters.of(
                                itemsTopic,
                                -1,
                                -1,
                                key,
                                payload,
                                DeadLetters.STAGE_PROCESS,
                                reason(failure))));
    }

    /** A timer that threw: nothing to dead-letter; the user's state is left as it was. */
    void timer(String userId, long timestamp, RuntimeException failure) {
        timers.inc();
        log("timer {} of user {}", failure, timestamp, userId);
    }

    private static String reason(RuntimeException failure) {
        return "processing failed (a bug, not the record's fault; the user's state is unchanged): "
                + failure;
    }

    /** Logs with the stack trace at most every few seconds, so a bug cannot flood the logs. */
    private void log(String what, RuntimeException failure, Object... args) {
        long now = System.currentTimeMillis();
        if (now - lastLog < LOG_INTERVAL_MILLIS) {
            unlogged++;
            return;
        }
        Object[] withFailure = new Object[args.length + 2];
        System.arraycopy(args, 0, withFailure, 0, args.length);
        withFailure[args.length] = unlogged;
        withFailure[args.length + 1] = failure;
        LOG.warn("Processing failed for " + what + " ({} more since the last report)", withFailure);
        lastLog = now;
        unlogged = 0;
    }
}
