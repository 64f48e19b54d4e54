package io.ladder.sink;

import io.ladder.schemas.CandidateList;

/**
 * One list on its way to Redis.
 *
 * @param list the list, kept only for the ack listener (null without one)
 * @param userId the list's user
 * @param sequence the list's sequence
 * @param key the user's key
 * @param value the encoded value
 * @param writtenNanos {@link System#nanoTime()} of the {@code write()} call
 */
record PendingList(
        CandidateList list,
        String userId,
        long sequence,
        byte[] key,
        byte[] value,
        long writtenNanos) {}
