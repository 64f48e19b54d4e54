package io.ladder.schemas.codec;

/**
 * Position in one message body for {@link BoundedBodyCheck}, and Avro's primitive reads without the
 * values: varints as Avro decodes them (int at most 5 bytes, long at most 10), and skips. The only
 * allocation of a check, once per message.
 */
final class BodyCursor {
    static final int MAX_INT_VARINT_BYTES = 5;
    static final int MAX_LONG_VARINT_BYTES = 10;

    final byte[] bytes;

    /** Where the body starts in {@link #bytes}. */
    final int start;

    int pos;

    /** Zero-byte collection items seen so far in the message. */
    long emptyItems;

    BodyCursor(byte[] bytes, int start) {
        this.bytes = bytes;
        this.start = start;
        this.pos = start;
    }

    int left() {
        return bytes.length - pos;
    }

    int readByte(String what) {
        if (pos >= bytes.length) {
            throw fail("truncated: " + what + " needs 1 byte, 0 left");
        }
        return bytes[pos++] & 0xFF;
    }

    void skip(int n, String what) {
        if (n > left()) {
            throw fail("truncated: " + what + " needs " + n + " bytes, " + left() + " left");
        }
        pos += n;
    }

    int readInt(String what) {
        long raw = readVarint(MAX_INT_VARINT_BYTES, what);
        int n = (int) raw; // as Avro's readInt: bits above 32 of a 5th byte are dropped
        return (n >>> 1) ^ -(n & 1);
    }

    long readLong(String what) {
        long raw = readVarint(MAX_LONG_VARINT_BYTES, what);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** The raw (still zig-zag encoded) bits of a varint of at most {@code maxBytes} bytes. */
    private long readVarint(int maxBytes, String what) {
        int begin = pos;
        long raw = 0;
        for (int i = 0; i < maxBytes; i++) {
            if (pos >= bytes.length) {
                pos = begin;
                throw fail("truncated: " + what + " varint ends after " + i + " bytes");
            }
            int b = bytes[pos++] & 0xFF;
            raw |= (long) (b & 0x7F) << (7 * i);
            if (b < 0x80) {
                return raw;
            }
        }
        pos = begin;
        throw fail(what + " varint is longer than " + maxBytes + " bytes");
    }

    BodyViolation fail(String what) {
        return failAt(pos, what);
    }

    BodyViolation failAt(int position, String what) {
        return new BodyViolation(what, position - start);
    }
}
