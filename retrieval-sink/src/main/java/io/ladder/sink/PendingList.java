package io.ladder.sink;

import io.ladder.schemas.CandidateList;

/**
 * One list on its way to Redis.
 *
 * @param list the list, kept only for the ack listener (null without one)
 * @param key the user's key
 * @param value the encoded value
 * @param writtenNanos {@link System#nanoTime()} of the {@code write()} call
 */
record PendingList(CandidateList list, byte[] key, byte[] value, long writtenNanos) {}
