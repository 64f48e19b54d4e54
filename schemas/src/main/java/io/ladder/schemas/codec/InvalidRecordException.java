package io.ladder.schemas.codec;

/** A record that cannot be decoded or fails validation; the message says what is wrong. */
public class InvalidRecordException extends RuntimeException {
    public InvalidRecordException(String message) {
        super(message);
    }
}
