package io.ladder.sink.redis;

/** A Redis problem explained in words an operator can act on (never carries a secret). */
public class RedisStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RedisStoreException(String message) {
        super(message);
    }

    public RedisStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
