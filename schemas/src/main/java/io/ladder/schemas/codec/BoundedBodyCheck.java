package io.ladder.schemas.codec;

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

    private final String recordName;
    private final BodyShape root;

    private BoundedBodyCheck(String recordName, BodyShape root) {
        this.recordName = recordName;
        this.root = root;
    }

    /** Compiles the check for one writer schema (a record, in our use; any schema works). */
    static BoundedBodyCheck of(Schema writer) {
        return new BoundedBodyCheck(writer.getName(), BodyShape.of(writer));
    }

    /**
     * Checks the body {@code bytes[offset..bytes.length)}.
     *
     * @throws InvalidRecordException naming the field path and what is wrong
     */
    void check(byte[] bytes, int offset) {
        BodyCursor in = new BodyCursor(bytes, offset);
        try {
            walk(root, in, 0);
            if (in.pos != bytes.length) {
                int extra = bytes.length - in.pos;
                throw in.fail(
                        extra
                                + (extra == 1 ? " trailing byte" : " trailing bytes")
                                + " after the record");
            }
        } catch (BodyViolation v) {
            throw new InvalidRecordException("corrupt " + recordName + " body: " + v.describe());
        }
    }

    // ---- the walk: reads varints, skips content, allocates nothing unless it fails ----

    private static void walk(BodyShape node, BodyCursor in, int depth) {
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
                BodyShape[] fields = node.children;
                for (int i = 0; i < fields.length; i++) {
                    try {
                        walk(fields[i], in, next);
                    } catch (BodyViolation v) {
                        throw v.within(node.names[i]);
                    }
                }
            }
            case ARRAY, MAP -> walkBlocks(node, in, deeper(in, depth));
        }
    }

    /** Array items or map entries, in blocks of (count, [byte size,] items), ended by count 0. */
    private static void walkBlocks(BodyShape node, BodyCursor in, int depth) {
        boolean map = node.type == Schema.Type.MAP;
        BodyShape item = node.children[0];
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
                        walk(BodyShape.MAP_KEY, in, depth);
                    }
                    walk(item, in, depth);
                } catch (BodyViolation v) {
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

    private static int deeper(BodyCursor in, int depth) {
        if (depth >= MAX_DEPTH) {
            throw in.fail("nested deeper than " + MAX_DEPTH + " levels");
        }
        return depth + 1;
    }
}
