package io.ladder.schemas.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/** Hand-built single-object messages, byte by byte, for bodies no Avro writer would produce. */
final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Wire() {}

    /** A message that starts with the single-object header of {@code writer}. */
    static Wire message(Schema writer) {
        Wire wire = new Wire();
        wire.raw(0xC3, 0x01);
        ByteBuffer fingerprint = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        fingerprint.putLong(SchemaNormalization.parsingFingerprint64(writer));
        wire.out.writeBytes(fingerprint.array());
        return wire;
    }

    /** A body without header. */
    static Wire body() {
        return new Wire();
    }

    /** An Avro int or long: zig-zag varint. */
    Wire varint(long value) {
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
        return this;
    }

    Wire string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    Wire floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        out.writeBytes(buffer.array());
        return this;
    }

    /** An array of floats in one block, ended by the 0 count. */
    Wire floatArray(float... values) {
        if (values.length > 0) {
            varint(values.length);
            floats(values);
        }
        return varint(0);
    }

    Wire raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    Wire zeros(int n) {
        out.writeBytes(new byte[n]);
        return this;
    }

    byte[] build() {
        return out.toByteArray();
    }
}
