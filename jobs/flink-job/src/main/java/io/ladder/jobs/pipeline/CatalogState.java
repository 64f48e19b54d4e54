package io.ladder.jobs.pipeline;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ItemNeighbours;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Broadcast state of the catalogue: every retrieval subtask holds the whole item table and the
 * current item-tower version, so any user can be scored against any item. Names are released: never
 * rename them (savepoints refer to them).
 */
public final class CatalogState {
    public static final MapStateDescriptor<String, CatalogEntry> ITEMS =
            new MapStateDescriptor<>(
                    "catalog-items", Types.STRING, TypeInformation.of(CatalogEntry.class));

    /**
     * Key {@link #CURRENT_MODEL} holds the encoded ModelInfo of the version in use; the other keys
     * track versions waiting for their items ({@link io.ladder.jobs.user.ModelRecords}).
     */
    public static final MapStateDescriptor<String, byte[]> MODELS =
            new MapStateDescriptor<>(
                    "catalog-models",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    public static final String CURRENT_MODEL = io.ladder.jobs.user.ModelRecords.CURRENT;

    /** Each counted item's strongest co-engaged neighbours (see {@code ItemNeighboursFunction}). */
    public static final MapStateDescriptor<String, ItemNeighbours> NEIGHBOURS =
            new MapStateDescriptor<>(
                    "catalog-neighbours", Types.STRING, TypeInformation.of(ItemNeighbours.class));

    /** Every descriptor the catalogue broadcast carries: what the stream must declare. */
    public static MapStateDescriptor<?, ?>[] all() {
        return new MapStateDescriptor<?, ?>[] {ITEMS, MODELS, NEIGHBOURS};
    }

    private CatalogState() {}
}
