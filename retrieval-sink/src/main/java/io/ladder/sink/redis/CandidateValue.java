package io.ladder.sink.redis;

import io.ladder.schemas.CandidateList;
import io.ladder.schemas.codec.Codecs;
import io.ladder.schemas.codec.InvalidRecordException;

/**
 * The Redis value of one user's candidate list (layout documented in {@code STORE.md}).
 *
 * <pre>
 * offset 0      1 byte   format version, {@link #FORMAT_V1} (0x01)
 * offset 1      8 bytes  sequence, unsigned big-endian (never negative)
 * offset 9      n bytes  the CandidateList in Avro single-object encoding
 *                        (C3 01, 8-byte little-endian schema fingerprint, Avro binary body)
 * </pre>
 *
 * The fixed header lets the write script compare sequences on the server with a 9-byte {@code
 * GETRANGE} instead of reading or decoding the whole list; a reader gets everything with one {@code
 * GET}.
 */
public final class CandidateValue {
    /** Format version byte of the current layout. */
    public static final byte FORMAT_V1 = 0x01;

    /** Bytes before the Avro message: format byte plus 8-byte sequence. */
    public static final int HEADER_LENGTH = 9;

    private CandidateValue() {}

    /**
     * Encodes {@code list} with its header.
     *
     * @throws IllegalArgumentException if the list's sequence is negative
     */
    public static byte[] encode(CandidateList list) {
        long sequence = list.getSequence();
        if (sequence < 0) {
            throw new IllegalArgumentException(
                    "candidate list of user '"
                            + list.getUserId()
                            + "' has negative sequence "
                            + sequence
                            + "; sequences count the user's events and must be >= 0");
        }
        byte[] value;
        if (CandidateListEncoder.SUPPORTED) {
            value = CandidateListEncoder.encode(list, HEADER_LENGTH);
        } else {
            byte[] avro = Codecs.CANDIDATE_LIST.encode(list);
            value = new byte[HEADER_LENGTH + avro.length];
            System.arraycopy(avro, 0, value, HEADER_LENGTH, avro.length);
        }
        value[0] = FORMAT_V1;
        for (int i = 8; i >= 1; i--) {
            value[i] = (byte) sequence;
            sequence >>>= 8;
        }
        return value;
    }

    /** The sequence in the header of {@code value}. */
    public static long sequence(byte[] value) {
        checkHeader(value);
        long sequence = 0;
        for (int i = 1; i <= 8; i++) {
            sequence = (sequence << 8) | (value[i] & 0xFFL);
        }
        return sequence;
    }

    /**
     * Decodes a stored value.
     *
     * @throws InvalidRecordException if the value is not in this layout or its Avro part is corrupt
     */
    public static CandidateList decode(byte[] value) {
        checkHeader(value);
        byte[] avro = new byte[value.length - HEADER_LENGTH];
        System.arraycopy(value, HEADER_LENGTH, avro, 0, avro.length);
        return Codecs.CANDIDATE_LIST.decode(avro);
    }

    private static void checkHeader(byte[] value) {
        if (value == null || value.length <= HEADER_LENGTH) {
            throw new InvalidRecordException(
                    "not a candidate list value: "
                            + (value == null ? "null" : value.length + " bytes")
                            + ", expected a 9-byte header and an Avro message");
        }
        if (value[0] != FORMAT_V1) {
            throw new InvalidRecordException(
                    "unknown candidate value format "
                            + (value[0] & 0xFF)
                            + " (this reader knows format "
                            + FORMAT_V1
                            + "); upgrade the reader");
        }
    }
}
