package io.ladder.schemas.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Avro single-object encoding (2-byte marker, 8-byte schema fingerprint, body) for one record type.
 *
 * <p>The decoder knows the current schema and every released writer schema of the type (files under
 * {@code schemas/released/} on the classpath), so a record written by an older producer is resolved
 * into the current class. Instances are thread-safe.
 *
 * @param <T> the generated record class
 */
public final class AvroCodec<T extends SpecificRecordBase> {
    /** Marker (2 bytes) plus little-endian CRC-64-AVRO fingerprint (8 bytes). */
    private static final int HEADER_LENGTH = 10;

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final java.util.Set<Long> fingerprints =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    private AvroCodec(Class<T> type, Schema schema, SchemaStore.Cache released) {
        AvroTrust.ensureRegistered();
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, released);
        this.fingerprints.add(SchemaNormalization.parsingFingerprint64(schema));
    }

    /** A codec for {@code type} that also reads every released writer schema of the type. */
    public static <T extends SpecificRecordBase> AvroCodec<T> of(Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        SchemaStore.Cache store = new SchemaStore.Cache();
        for (Schema old : ReleasedSchemas.of(schema.getName())) {
            store.addSchema(old);
        }
        AvroCodec<T> codec = new AvroCodec<>(type, schema, store);
        for (Schema old : ReleasedSchemas.of(schema.getName())) {
            codec.fingerprints.add(SchemaNormalization.parsingFingerprint64(old));
        }
        return codec;
    }

    /** Registers another writer schema (e.g. one released after this reader was built). */
    public void addWriterSchema(Schema writer) {
        decoder.addSchema(writer);
        fingerprints.add(SchemaNormalization.parsingFingerprint64(writer));
    }

    /**
     * Whether {@code bytes} carry the single-object header of a schema this codec can read. Lets a
     * consumer of a topic that carries several record types (the items topic holds Item and
     * ModelInfo) pick the codec without trial decoding.
     */
    public boolean recognizes(byte[] bytes) {
        if (bytes == null
                || bytes.length < HEADER_LENGTH
                || bytes[0] != (byte) 0xC3
                || bytes[1] != (byte) 0x01) {
            return false;
        }
        long fingerprint = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (bytes[i] & 0xFFL);
        }
        return fingerprints.contains(fingerprint);
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
