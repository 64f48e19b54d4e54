package io.ladder.sink.redis;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The one place Redis keys for candidate lists are built: {@code <prefix><userId>}, one key per
 * user.
 *
 * <p>Every operation touches a single key, so the scheme is safe under Redis Cluster hash slots
 * without hash tags. The prefix must not contain braces: a hash tag in the prefix would put every
 * user into one slot (one hot node).
 */
public final class CandidateKeys implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default key prefix. */
    public static final String DEFAULT_PREFIX = "ladder:cand:";

    private final String prefix;

    private CandidateKeys(String prefix) {
        this.prefix = prefix;
    }

    /** Keys under {@link #DEFAULT_PREFIX}. */
    public static CandidateKeys withDefaultPrefix() {
        return new CandidateKeys(DEFAULT_PREFIX);
    }

    /**
     * Keys under {@code prefix}.
     *
     * @throws IllegalArgumentException if the prefix is null, empty or contains '{' or '}'
     */
    public static CandidateKeys withPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException(
                    "key prefix must not be empty; use e.g. '" + DEFAULT_PREFIX + "'");
        }
        if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException(
                    "key prefix '"
                            + prefix
                            + "' contains '{' or '}': a Redis Cluster hash tag in the prefix would"
                            + " put every user in one hash slot; remove the braces");
        }
        return new CandidateKeys(prefix);
    }

    public String prefix() {
        return prefix;
    }

    /** The key of {@code userId}'s candidate list. */
    public String key(String userId) {
        if (userId == null || userId.isEmpty()) {
            throw new IllegalArgumentException("user id must not be empty");
        }
        return prefix + userId;
    }

    /** {@link #key(String)} as UTF-8 bytes, for binary commands. */
    public byte[] keyBytes(String userId) {
        return key(userId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CandidateKeys other && prefix.equals(other.prefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix);
    }

    @Override
    public String toString() {
        return "CandidateKeys{prefix='" + prefix + "'}";
    }
}
