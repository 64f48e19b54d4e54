package io.ladder.train;

import io.ladder.jobs.config.RawOptions;
import java.time.Duration;
import java.time.Instant;

/**
 * Which part of the events topic a training run reads: events whose {@code event_time} lies in
 * {@code [until - window, until)}.
 *
 * @param bootstrap Kafka bootstrap servers
 * @param topic the events topic
 * @param window length of the window in event time
 * @param until end of the window, exclusive
 * @param seekMargin how far before the window's start each partition is sought by record timestamp:
 *     record timestamps (append times on our topic) are not event times, and an event stamped by a
 *     client whose clock runs ahead, or appended before a late event, would otherwise be skipped
 * @param maxEvents most in-window events held in memory; a larger window is refused
 */
public record TopicWindow(
        String bootstrap,
        String topic,
        Duration window,
        Instant until,
        Duration seekMargin,
        long maxEvents) {
    public static final String DEFAULT_EVENTS_TOPIC = "ladder.events";
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    public static final Duration DEFAULT_SEEK_MARGIN = Duration.ofHours(1);

    /** 20 M events: ~420 MB of event arrays plus the ids (see {@link WindowEvents}). */
    public static final long DEFAULT_MAX_EVENTS = 20_000_000;

    public static final String USAGE =
            """
              --bootstrap HOST:PORT  Kafka bootstrap servers
              --events-topic NAME    read the window from this events topic (default ladder.events)
              --window D             event-time window before --until (default 7d)
              --until now|TS         window end, exclusive (default now)
              --seek-margin D        seek each partition this much before the window's start by
                                     record timestamp (default 1h; timestamps are not event times)
              --max-events N         most in-window events held; more is refused (default 20000000)
            """;

    public TopicWindow {
        require(bootstrap != null && !bootstrap.isBlank(), "--bootstrap host:port is required");
        require(topic != null && !topic.isBlank(), "--events-topic must name a topic");
        require(!window.isNegative() && !window.isZero(), "--window must be positive");
        require(!seekMargin.isNegative(), "--seek-margin must not be negative");
        require(maxEvents >= 1, "--max-events must be >= 1, was " + maxEvents);
    }

    /** Reads the options of a topic window; {@code until} is taken from the training settings. */
    public static TopicWindow read(RawOptions o, Instant until) {
        return new TopicWindow(
                o.string("bootstrap", null),
                o.string("events-topic", DEFAULT_EVENTS_TOPIC),
                o.duration("window", DEFAULT_WINDOW),
                until,
                o.duration("seek-margin", DEFAULT_SEEK_MARGIN),
                o.number("max-events", DEFAULT_MAX_EVENTS));
    }

    public Instant start() {
        return until.minus(window);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
