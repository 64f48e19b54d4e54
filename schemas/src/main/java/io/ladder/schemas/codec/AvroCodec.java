package io.ladder.schemas.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Avro single-object encoding (2-byte marker, 8-byte schema fingerprint, body) for one record type.
 *
 * <p>The decoder knows the current schema and every released writer schema of the type (files under
 * {@code schemas/released/} on the classpath), so a record written by an older producer is resolved
 * into the current class. Instances are thread-safe.
 *
 * <p>Decoding is bounded: before Avro sees a body, {@link BoundedBodyCheck} walks it against the
 * writer schema named by its fingerprint, so a length or count that the bytes cannot hold (a
 * 15-byte message claiming a 1 GB string, say) is an {@link InvalidRecordException}, never an
 * {@code OutOfMemoryError}. Messages above {@link #MAX_MESSAGE_BYTES} are refused outright.
 *
 * @param <T> the generated record class
 */
public final class AvroCodec<T extends SpecificRecordBase> {
    /** Marker (2 bytes) plus little-endian CRC-64-AVRO fingerprint (8 bytes). */
    private static final int HEADER_LENGTH = 10;

    /**
     * Largest message {@link #decode} accepts: 64 MiB, far above the largest legitimate record (a
     * ModelInfo with every category's heads is a few MB; Kafka's default message limit is 1 MB).
     */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    /** Every writer schema this codec reads, by fingerprint; replaced whole when one is added. */
    private volatile WriterSchemas writers =
            new WriterSchemas(new long[0], new Schema[0], new BoundedBodyCheck[0]);

    private AvroCodec(Class<T> type, Schema schema, List<Schema> released) {
        AvroTrust.ensureRegistered();
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        addWriterSchema(schema);
        for (Schema old : released) {
            addWriterSchema(old);
        }
    }

    /** A codec for {@code type} that also reads every released writer schema of the type. */
    public static <T extends SpecificRecordBase> AvroCodec<T> of(Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        return new AvroCodec<>(type, schema, ReleasedSchemas.of(schema.getName()));
    }

    /** Registers another writer schema (e.g. one released after this reader was built). */
    public synchronized void addWriterSchema(Schema writer) {
        // The bounds check first: Avro must never know a schema whose bodies go unchecked.
        writers = writers.with(SchemaNormalization.parsingFingerprint64(writer), writer);
        decoder.addSchema(writer);
    }

    /** The writer schemas this codec reads, keyed by their CRC-64-AVRO fingerprint. */
    public Map<Long, Schema> writerSchemas() {
        return writers.asMap();
    }

    /**
     * Whether {@code bytes} carry the single-object header of a schema this codec can read. Lets a
     * consumer of a topic that carries several record types (the items topic holds Item and
     * ModelInfo) pick the codec without trial decoding.
     */
    public boolean recognizes(byte[] bytes) {
        return hasHeader(bytes) && writers.checkFor(fingerprint(bytes)) != null;
    }

    public byte[] encode(T record) {
        try {
            return encoder.encode(record).array();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode " + type.getSimpleName(), e);
        }
    }

    /**
     * Decodes one message.
     *
     * @throws InvalidRecordException with a message that says what is wrong with the bytes
     */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRecordException(
                    "empty message: expected an Avro single-object " + type.getSimpleName());
        }
        if (bytes.length > MAX_MESSAGE_BYTES) {
            throw new InvalidRecordException(
                    "message of "
                            + bytes.length
                            + " bytes exceeds the limit of "
                            + MAX_MESSAGE_BYTES
                            + " bytes for a "
                            + type.getSimpleName());
        }
        if (hasHeader(bytes)) {
            long fingerprint = fingerprint(bytes);
            BoundedBodyCheck check = writers.checkFor(fingerprint);
            if (check == null) {
                throw new InvalidRecordException(
                        "unknown schema fingerprint for "
                                + type.getSimpleName()
                                + ": the writer used a schema this reader was never given"
                                + " (fingerprint "
                                + fingerprint
                                + ")");
            }
            check.check(bytes, HEADER_LENGTH);
        }
        // Without a header Avro rejects the message from its first bytes, before any body.
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new InvalidRecordException(
                    "unknown schema fingerprint for "
                            + type.getSimpleName()
                            + ": the writer used a schema this reader was never "
                            + "given ("
                            + e.getMessage()
                            + ")");
        } catch (BadHeaderException e) {
            throw new InvalidRecordException(
                    "not an Avro single-object message ("
                            + e.getMessage()
                            + "); first bytes: "
                            + preview(bytes));
        } catch (IOException
                | AvroRuntimeException
                | IndexOutOfBoundsException
                | NegativeArraySizeException e) {
            throw new InvalidRecordException(
                    "corrupt "
                            + type.getSimpleName()
                            + " body: "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    public Class<T> type() {
        return type;
    }

    private static boolean hasHeader(byte[] bytes) {
        return bytes != null
                && bytes.length >= HEADER_LENGTH
                && bytes[0] == (byte) 0xC3
                && bytes[1] == (byte) 0x01;
    }

    /** The little-endian fingerprint of a message that {@link #hasHeader has the header}. */
    private static long fingerprint(byte[] bytes) {
        long fingerprint = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (bytes[i] & 0xFFL);
        }
        return fingerprint;
    }

    /**
     * Writer schemas and their compiled bounds checks, immutable. A few versions per type: a linear
     * scan of a {@code long[]} finds one without boxing the fingerprint of every message.
     */
    private static final class WriterSchemas {
        private final long[] fingerprints;
        private final Schema[] schemas;
        private final BoundedBodyCheck[] checks;

        WriterSchemas(long[] fingerprints, Schema[] schemas, BoundedBodyCheck[] checks) {
            this.fingerprints = fingerprints;
            this.schemas = schemas;
            this.checks = checks;
        }

        BoundedBodyCheck checkFor(long fingerprint) {
            for (int i = 0; i < fingerprints.length; i++) {
                if (fingerprints[i] == fingerprint) {
                    return checks[i];
                }
            }
            return null;
        }

        WriterSchemas with(long fingerprint, Schema schema) {
            if (checkFor(fingerprint) != null) {
                return this;
            }
            int n = fingerprints.length;
            long[] f = Arrays.copyOf(fingerprints, n + 1);
            Schema[] s = Arrays.copyOf(schemas, n + 1);
            BoundedBodyCheck[] c = Arrays.copyOf(checks, n + 1);
            f[n] = fingerprint;
            s[n] = schema;
            c[n] = BoundedBodyCheck.of(schema);
            return new WriterSchemas(f, s, c);
        }

        Map<Long, Schema> asMap() {
            Map<Long, Schema> out = new LinkedHashMap<>();
            for (int i = 0; i < fingerprints.length; i++) {
                out.put(fingerprints[i], schemas[i]);
            }
            return Collections.unmodifiableMap(out);
        }
    }

    private static String preview(byte[] bytes) {
        int n = Math.min(bytes.length, 16);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(String.format("%02x", bytes[i]));
        }
        String text = new String(bytes, 0, n, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", ".");
        return out + " \"" + text + "\"";
    }

    /** Released writer schemas, loaded from {@code schemas/released/<Name>.v<N>.avsc}. */
    static final class ReleasedSchemas {
        private ReleasedSchemas() {}

        static List<Schema> of(String recordName) {
            List<Schema> out = new java.util.ArrayList<>();
            for (int version = 1; ; version++) {
                String path = "/schemas/released/" + recordName + ".v" + version + ".avsc";
                try (InputStream in = AvroCodec.class.getResourceAsStream(path)) {
                    if (in == null) {
                        return out;
                    }
                    out.add(new Schema.Parser().parse(in));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read released schema " + path, e);
                }
            }
        }
    }
}
