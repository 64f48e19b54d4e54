package io.ladder.schemas.codec;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A writer schema compiled for {@link BoundedBodyCheck}: each node knows its type, its children
 * (record fields, union branches, array item or map value), the fewest bytes any of its values
 * encodes to, and the words its messages use, so the walk neither looks anything up nor builds a
 * string. Records may refer back to themselves (recursion). Built once per writer schema; never
 * changed after {@link #of} returns.
 */
final class BodyShape {
    /** A map entry's key. */
    static final BodyShape MAP_KEY = new BodyShape(Schema.Type.STRING, 0);

    static {
        MAP_KEY.minSize = 1;
    }

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
    BodyShape[] children = new BodyShape[0];

    /** Record field names, parallel to {@link #children}. */
    String[] names = new String[0];

    /** Fewest bytes any value of this schema encodes to (a lower bound for recursion). */
    long minSize;

    private BodyShape(Schema.Type type, int size) {
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

    static BodyShape of(Schema writer) {
        return compile(writer, new IdentityHashMap<>());
    }

    private static BodyShape compile(Schema schema, Map<Schema, BodyShape> records) {
        BodyShape known = records.get(schema);
        if (known != null) {
            return known; // a recursive reference: its minSize is still 0, a valid lower bound
        }
        BodyShape node =
                new BodyShape(
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
                node.children = new BodyShape[] {compile(schema.getElementType(), records)};
                node.minSize = 1;
            }
            case MAP -> {
                node.children = new BodyShape[] {compile(schema.getValueType(), records)};
                node.minSize = 1;
            }
            case UNION -> {
                List<Schema> branches = schema.getTypes();
                node.children = new BodyShape[branches.size()];
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
                node.children = new BodyShape[fields.size()];
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
}
