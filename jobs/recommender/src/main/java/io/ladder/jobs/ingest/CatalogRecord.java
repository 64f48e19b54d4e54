package io.ladder.jobs.ingest;

import io.ladder.jobs.catalog.ItemNeighbours;
import io.ladder.schemas.Item;

/**
 * One change to the item catalogue, as it flows to every retrieval subtask: an item upsert or
 * tombstone from the items topic, a new model version ({@code ModelInfo}), an item first seen in an
 * event (announced with its category so every subtask can place it), the retirement of such an
 * announced item after it went unseen for {@code catalog.announce.ttl}, or a rejected record.
 */
public class CatalogRecord {
    public enum Kind {
        ITEM,
        MODEL,
        ANNOUNCED,
        REJECTED,
        /**
         * An announced item no event named for {@code catalog.announce.ttl}: drop it unless the
         * items topic has published it meanwhile. Appended last: enum constants keep their order.
         */
        RETIRED,
        /**
         * An item's strongest co-engaged neighbours ({@link #neighbours}); none: its counts
         * expired, forget them. Appended last.
         */
        NEIGHBOURS
    }

    public Kind kind;
    public String itemId;
    public String categoryId;

    /** Concatenated normalised heads; null for tombstones, models, announcements, retirements. */
    public float[] vector;

    public String modelVersion;
    public float popularity;
    public boolean deleted;
    public long time;

    /** Encoded ModelInfo for {@link Kind#MODEL}, encoded DeadLetter for {@link Kind#REJECTED}. */
    public byte[] payload;

    /** Kafka key of a rejected record. */
    public byte[] rejectionKey;

    /** The item's neighbours for {@link Kind#NEIGHBOURS}. */
    public ItemNeighbours neighbours;

    public CatalogRecord() {}

    public static CatalogRecord item(Item item) {
        CatalogRecord r = new CatalogRecord();
        r.kind = Kind.ITEM;
        r.itemId = item.getItemId();
        r.categoryId = item.getCategoryId();
        r.modelVersion = item.getModelVersion();
        r.popularity = item.getPopularity();
        r.deleted = item.getDeleted();
        r.time = item.getUpdatedTime().toEpochMilli();
        if (!item.getDeleted()) {
            r.vector = new float[item.getEmbedding().size()];
            for (int i = 0; i < r.vector.length; i++) {
                r.vector[i] = item.getEmbedding().get(i);
            }
        }
        return r;
    }

    public static CatalogRecord model(String version, byte[] encodedModelInfo, long time) {
        CatalogRecord r = new CatalogRecord();
        r.kind = Kind.MODEL;
        r.modelVersion = version;
        r.payload = encodedModelInfo;
        r.time = time;
        return r;
    }

    public static CatalogRecord announced(String itemId, String categoryId, long time) {
        CatalogRecord r = new CatalogRecord();
        r.kind = Kind.ANNOUNCED;
        r.itemId = itemId;
        r.categoryId = categoryId;
        r.time = time;
        return r;
    }

    public static CatalogRecord retired(String itemId, long time) {
        CatalogRecord r = new CatalogRecord();
        r.kind = Kind.RETIRED;
        r.itemId = itemId;
        r.time = time;
        return r;
    }

    public static CatalogRecord neighbours(String itemId, ItemNeighbours neighbours, long time) {
        CatalogRecord r = new CatalogRecord();
        r.kind = Kind.NEIGHBOURS;
        r.itemId = itemId;
        r.neighbours = neighbours;
        r.time = time;
        return r;
    }

    public static CatalogRecord rejected(byte[] deadLetter, byte[] key) {
        CatalogRecord r = new CatalogRecord();
        r.kind = Kind.REJECTED;
        r.payload = deadLetter;
        r.rejectionKey = key;
        return r;
    }

    @Override
    public String toString() {
        return "CatalogRecord{" + kind + " " + (itemId != null ? itemId : modelVersion) + "}";
    }
}
