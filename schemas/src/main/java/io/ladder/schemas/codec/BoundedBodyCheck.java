package io.ladder.schemas.codec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Walks an Avro binary body against its writer schema before Avro decodes it, so that no length,
 * count or index read from the bytes can make the decoder allocate more than the message holds.
 *
 * <p>Avro's decoder allocates a string, bytes or array buffer as large as the length the bytes
 * claim before it reads the content: a 15-byte message claiming a 1 GB string is an {@code
 * OutOfMemoryError}. This check reads only varints and skips content; it allocates nothing per
 * value (one small cursor per message) and throws {@link InvalidRecordException} naming the field
 * path and what is wrong. What it checks, per the Avro specification:
 *
 * <ul>
 *   <li>int varints at most 5 bytes, long varints at most 10;
 *   <li>string and bytes lengths between 0 and the bytes left; fixed sizes within the bytes left;
 *   <li>enum symbol and union branch indexes within the schema's symbols and branches;
 *   <li>array and map blocks: a negative count is followed by the block's byte size, which must
 *       match what the block holds; a block's count times the smallest encoding of one item must
 *       fit in the bytes left; at most {@link #MAX_COLLECTION_ITEMS} items per collection, and as
 *       many zero-byte items (nulls, empty records) in the whole message, which no byte bound
 *       limits;
 *   <li>booleans are one byte, 0 or 1; floats 4 bytes, doubles 8;
 *   <li>no bytes after the record.
 * </ul>
 *
 * <p>One instance per writer schema, built once; instances are immutable and thread-safe.
 */
final class BoundedBodyCheck {
    /** Most items one array or map may hold (and most zero-byte items in one message). */
    static final int MAX_COLLECTION_ITEMS = 1_000_000;

    /** Deepest nesting of records, arrays, maps and unions; only recursive schemas get near it. */
    static final int MAX_DEPTH = 64;

    private static final int MAX_INT_VARINT_BYTES = 5;
    private static final int MAX_LONG_VARINT_BYTES = 10;

    private final String recordName;
    private final Node root;

    private BoundedBodyCheck(String recordName, Node root) {
        this.recordName = recordName;
        this.root = root;
    }

    /** Compiles the check for one writer schema (a record, in our use; any schema works). */
    static BoundedBodyCheck of(Schema writer) {
        return new BoundedBodyCheck(writer.getName(), compile(writer, new IdentityHashMap<>()));
    }

    /**
     * Checks the body {@code bytes[offset..bytes.length)}.
     *
     * @throws InvalidRecordException naming the field path and what is wrong
     */
    void check(byte[] bytes, int offset) {
        Cursor in = new Cursor(bytes, offset);
        try {
            walk(root, in, 0);
            if (in.pos != bytes.length) {
                int extra = bytes.length - in.pos;
                throw in.fail(
                        extra
                                + (extra == 1 ? " trailing byte" : " trailing bytes")
                                + " after the record");
            }
        } catch (Violation v) {
            throw new InvalidRecordException(
                    "corrupt "
                            + recordName
                            + " body: "
                            + v.describe()
                            + " (at byte "
                            + v.at
                            + " of the body)");
        }
    }

    // ---- the walk: reads varints, skips content, allocates nothing unless it fails ----

    private static void walk(Node node, Cursor in, int depth) {
        switch (node.type) {
            case NULL -> {}
            case BOOLEAN -> {
                int b = in.readByte("boolean");
                if (b > 1) {
                    throw in.failAt(in.pos - 1, "boolean byte " + b + " is neither 0 nor 1");
                }
            }
            case INT -> in.readInt("int");
            case LONG -> in.readLong("long");
            case FLOAT -> in.skip(4, "float");
            case DOUBLE -> in.skip(8, "double");
            case STRING, BYTES -> {
                int begin = in.pos;
                long length = in.readLong(node.what);
                if (length < 0) {
                    throw in.failAt(begin, node.kind + " length " + length + " is negative");
                }
                if (length > in.left()) {
                    throw in.failAt(
                            begin,
                            node.kind
                                    + " length "
                                    + length
                                    + " exceeds the "
                                    + in.left()
                                    + " bytes left");
                }
                in.pos += (int) length;
            }
            case FIXED -> in.skip(node.size, node.what);
            case ENUM -> {
                int begin = in.pos;
                int index = in.readInt("enum index");
                if (index < 0 || index >= node.size) {
                    throw in.failAt(
                            begin,
                            "enum index " + index + " is outside the " + node.size + " symbols");
                }
            }
            case UNION -> {
                int begin = in.pos;
                int branch = in.readInt("union branch index");
                if (branch < 0 || branch >= node.children.length) {
                    throw in.failAt(
                            begin,
                            "union branch index "
                                    + branch
                                    + " is outside the "
                                    + node.children.length
                                    + " branches");
                }
                walk(node.children[branch], in, deeper(in, depth));
            }
            case RECORD -> {
                int next = deeper(in, depth);
                Node[] fields = node.children;
                for (int i = 0; i < fields.length; i++) {
                    try {
                        walk(fields[i], in, next);
                    } catch (Violation v) {
                        throw v.within(node.names[i]);
                    }
                }
            }
            case ARRAY, MAP -> walkBlocks(node, in, deeper(in, depth));
        }
    }

    /** Array items or map entries, in blocks of (count, [byte size,] items), ended by count 0. */
    private static void walkBlocks(Node node, Cursor in, int depth) {
        boolean map = node.type == Schema.Type.MAP;
        Node item = node.children[0];
        long items = 0;
        while (true) {
            int begin = in.pos;
            long count = in.readLong(node.what);
            if (count == 0) {
                return;
            }
            int blockEnd = -1;
            if (count < 0) {
                if (count == Long.MIN_VALUE) {
                    throw in.failAt(begin, node.kind + " block count " + count + " is invalid");
                }
                count = -count;
                long size = in.readLong(node.blockSizeWhat);
                if (size < 0 || size > in.left()) {
                    throw in.failAt(
                            begin,
                            node.kind
                                    + " block byte size "
                                    + size
                                    + " is outside 0.."
                                    + in.left()
                                    + " (the bytes left)");
                }
                blockEnd = in.pos + (int) size;
            }
            if (item.minSize > 0 && count > in.left() / item.minSize) {
                throw in.failAt(
                        begin,
                        node.kind
                                + " block count "
                                + count
                                + " of items of at least "
                                + item.minSize
                                + " bytes each exceeds the "
                                + in.left()
                                + " bytes left");
            }
            if (count > MAX_COLLECTION_ITEMS - items) {
                throw in.failAt(
                        begin,
                        node.kind
                                + " block count "
                                + count
                                + " after "
                                + items
                                + " items exceeds the limit of "
                                + MAX_COLLECTION_ITEMS
                                + " items");
            }
            if (item.minSize == 0) {
                in.emptyItems += count;
                if (in.emptyItems > MAX_COLLECTION_ITEMS) {
                    throw in.failAt(
                            begin,
                            "more than "
                                    + MAX_COLLECTION_ITEMS
                                    + " zero-byte collection items in the message");
                }
            }
            int itemsStart = in.pos;
            for (long i = 0; i < count; i++, items++) {
                try {
                    if (map) {
                        walk(STRING_KEY, in, depth);
                    }
                    walk(item, in, depth);
                } catch (Violation v) {
                    throw v.within(map ? "[entry " + items + "]" : "[" + items + "]");
                }
            }
            if (blockEnd >= 0 && in.pos != blockEnd) {
                throw in.failAt(
                        begin,
                        node.kind
                                + " block declared "
                                + (blockEnd - itemsStart)
                                + " bytes but its items take "
                                + (in.pos - itemsStart));
            }
        }
    }

    private static int deeper(Cursor in, int depth) {
        if (depth >= MAX_DEPTH) {
            throw in.fail("nested deeper than " + MAX_DEPTH + " levels");
        }
        return depth + 1;
    }

    // ---- compiled schema ----

    /** A schema node with what the walk needs precomputed; records may refer back (recursion). */
    private static final class Node {
        final Schema.Type type;

        /** "string", "bytes", "array", "map": for messages. */
        final String kind;

        /**
         * What the value's first varint or content is ("string length", "array block count",
         * "fixed(16)"), built once so the walk concatenates no strings.
         */
        final String what;

        /** "array block byte size" or "map block byte size". */
        final String blockSizeWhat;

        /** Fixed size, or number of enum symbols. */
        final int size;

        /** Record fields, union branches, or the one array item / map value. */
        Node[] children = new Node[0];

        /** Record field names, parallel to {@link #children}. */
        String[] names = new String[0];

        /** Fewest bytes any value of this schema encodes to (a lower bound for recursion). */
        long minSize;

        Node(Schema.Type type, int size) {
            this.type = type;
            this.kind = type.getName();
            this.size = size;
            this.what =
                    switch (type) {
                        case STRING, BYTES -> kind + " length";
                        case ARRAY, MAP -> kind + " block count";
                        case FIXED -> "fixed(" + size + ")";
                        default -> kind;
                    };
            this.blockSizeWhat = kind + " block byte size";
        }
    }

    private static final Node STRING_KEY = new Node(Schema.Type.STRING, 0);

    static {
        STRING_KEY.minSize = 1;
    }

    private static Node compile(Schema schema, Map<Schema, Node> records) {
        Node known = records.get(schema);
        if (known != null) {
            return known; // a recursive reference: its minSize is still 0, a valid lower bound
        }
        Node node =
                new Node(
                        schema.getType(),
                        switch (schema.getType()) {
                            case FIXED -> schema.getFixedSize();
                            case ENUM -> schema.getEnumSymbols().size();
                            default -> 0;
                        });
        switch (schema.getType()) {
            case NULL -> node.minSize = 0;
            case BOOLEAN, INT, LONG, STRING, BYTES, ENUM -> node.minSize = 1;
            case FLOAT -> node.minSize = 4;
            case DOUBLE -> node.minSize = 8;
            case FIXED -> node.minSize = node.size;
            case ARRAY -> {
                node.children = new Node[] {compile(schema.getElementType(), records)};
                node.minSize = 1;
            }
            case MAP -> {
                node.children = new Node[] {compile(schema.getValueType(), records)};
                node.minSize = 1;
            }
            case UNION -> {
                List<Schema> branches = schema.getTypes();
                node.children = new Node[branches.size()];
                long min = Long.MAX_VALUE;
                for (int i = 0; i < branches.size(); i++) {
                    node.children[i] = compile(branches.get(i), records);
                    min = Math.min(min, node.children[i].minSize);
                }
                node.minSize = 1 + (branches.isEmpty() ? 0 : min);
            }
            case RECORD -> {
                records.put(schema, node);
                List<Schema.Field> fields = schema.getFields();
                node.children = new Node[fields.size()];
                node.names = new String[fields.size()];
                long min = 0;
                for (int i = 0; i < fields.size(); i++) {
                    node.names[i] = fields.get(i).name();
                    node.children[i] = compile(fields.get(i).schema(), records);
                    min += node.children[i].minSize;
                }
                node.minSize = min;
            }
        }
        return node;
    }

    // ---- reading ----

    /** Position in one message; the only per-message allocation. */
    private static final class Cursor {
        final byte[] bytes;
        final int start;
        int pos;
        long emptyItems;

        Cursor(byte[] bytes, int start) {
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

        Violation fail(String what) {
            return failAt(pos, what);
        }

        Violation failAt(int position, String what) {
            Violation v = new Violation(what);
            v.at = position - start;
            return v;
        }
    }

    /**
     * A failed check on its way up the walk, collecting the field path as it unwinds. Internal
     * control flow only: no stack trace.
     */
    private static final class Violation extends RuntimeException {
        private final Deque<String> path = new ArrayDeque<>();
        int at = -1;

        Violation(String what) {
            super(what, null, false, false);
        }

        Violation within(String step) {
            path.addFirst(step);
            return this;
        }

        String describe() {
            if (path.isEmpty()) {
                return getMessage();
            }
            StringBuilder out = new StringBuilder("field ");
            for (String step : path) {
                if (out.length() > "field ".length() && !step.startsWith("[")) {
                    out.append('.');
                }
                out.append(step);
            }
            return out.append(": ").append(getMessage()).toString();
        }
    }
}
