package io.ladder.jobs.user;

import io.ladder.jobs.catalog.CatalogEntry;
import io.ladder.jobs.catalog.ModelVersionOrder;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.Codecs;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When an item-tower version becomes the catalogue's current one. A version whose ModelInfo
 * announces {@code item_count} N is adopted only once the catalogue holds N of its items: the
 * trainer publishes the ModelInfo first, but the items travel on the other partitions of the items
 * topic and may arrive before or long after it, and a half-published tower would serve category
 * heads for most of the catalogue. Until then the version is pending and the current one keeps
 * serving with its own vectors, which every entry keeps beside the newer one ({@link
 * CatalogEntry#previousVector}). A version without a count (v1 producers) is adopted on arrival.
 *
 * <p>Runs on the broadcast side only, so every subtask takes the same decisions from the same
 * sequence of records, and all its bookkeeping is broadcast state ({@link ModelRecords}).
 */
final class VersionAdoption {
    /**
     * Pending versions kept at most: a producer that publishes ModelInfos and never their items
     * must not grow the state; the oldest pending one goes first.
     */
    static final int MAX_PENDING = 4;

    private static final Logger LOG = LoggerFactory.getLogger(VersionAdoption.class);
    private final RecommenderMetrics metrics;
    // The current version's name, cached by the identity of its encoded ModelInfo: decoding it
    // (megabytes of category heads) per item record would dominate the broadcast side.
    private byte[] currentBytes;
    private String currentVersion;

    VersionAdoption(RecommenderMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Stores an item record's entry, keeping the current version's vector when the record brings
     * another version's, and counts it for its version if that one is pending.
     *
     * @return whether the item completed a pending version, which is now current
     */
    boolean putItem(CatalogWriter catalog, String itemId, CatalogEntry arriving) throws Exception {
        CatalogEntry existing = catalog.item(itemId);
        boolean changesVersion =
                existing == null || !arriving.modelVersion.equals(existing.modelVersion);
        if (existing != null) {
            if (changesVersion
                    && existing.vector != null
                    && existing.modelVersion != null
                    && existing.modelVersion.equals(currentVersion(catalog))) {
                arriving.previousVector = existing.vector;
                arriving.previousVersion = existing.modelVersion;
            } else {
                arriving.previousVector = existing.previousVector;
                arriving.previousVersion = existing.previousVersion;
            }
        }
        catalog.putItem(itemId, arriving);
        if (!changesVersion) {
            return false;
        }
        if (existing != null && existing.modelVersion != null) {
            countItem(catalog, existing.modelVersion, -1);
        }
        return countItem(catalog, arriving.modelVersion, +1);
    }

    /** Forgets a deleted item (it no longer counts for a pending version). */
    void removeItem(CatalogWriter catalog, String itemId) throws Exception {
        CatalogEntry existing = catalog.item(itemId);
        catalog.removeItem(itemId);
        if (existing != null && existing.modelVersion != null) {
            countItem(catalog, existing.modelVersion, -1);
        }
    }

    /**
     * A ModelInfo arrived: the newest version becomes current at once when the catalogue already
     * holds its items (or it names no count), else it waits for them.
     *
     * @return whether the current version changed
     */
    boolean putModel(CatalogWriter catalog, byte[] encoded) throws Exception {
        ModelInfo candidate = Codecs.MODEL_INFO.decode(encoded);
        byte[] currentEncoded = catalog.currentModel();
        ModelInfo current =
                currentEncoded == null ? null : Codecs.MODEL_INFO.decode(currentEncoded);
        switch (ModelVersionOrder.decide(current, candidate)) {
            case ADOPT -> {
                String version = candidate.getModelVersion();
                if (current != null && current.getModelVersion().equals(version)) {
                    // the producer's retry, or category heads completed: replaces it
                    catalog.putModelRecord(ModelRecords.CURRENT, encoded);
                    return true;
                }
                long held = candidate.getItemCount() <= 0 ? 0 : itemsOf(catalog, version);
                if (held >= candidate.getItemCount()) {
                    adopt(catalog, current, encoded, candidate);
                    return true;
                }
                catalog.putModelRecord(ModelRecords.pending(version), encoded);
                catalog.putModelRecord(
                        ModelRecords.count(version), counts(held, candidate.getItemCount()));
                metrics.modelPending();
                LOG.info(
                        "Item-tower version {} waits for its items: {} of {} held; {} serves"
                                + " meanwhile",
                        version,
                        held,
                        candidate.getItemCount(),
                        current == null ? "no version" : current.getModelVersion());
                dropPendingBeyondLimit(catalog);
                return false;
            }
            case IGNORE_OLDER -> {
                metrics.modelIgnored();
                LOG.warn(
                        "Item-tower version {} ({}) ignored: {} ({}) is newer and stays current",
                        candidate.getModelVersion(),
                        candidate.getCreatedTime(),
                        current.getModelVersion(),
                        current.getCreatedTime());
                return false;
            }
            case REFUSE_CONFLICT -> {
                metrics.modelRefused();
                LOG.warn(
                        "Item-tower version {} refused: published again with {} levels x {}, but"
                                + " the version in use has {} x {} (publish a new version instead)",
                        candidate.getModelVersion(),
                        candidate.getLevels(),
                        candidate.getHeadDim(),
                        current.getLevels(),
                        current.getHeadDim());
                return false;
            }
            default -> throw new IllegalStateException("unreachable");
        }
    }

    /** Counts an item in or out of its version, if that one is pending; adopts it when complete. */
    private boolean countItem(CatalogWriter catalog, String version, int delta) throws Exception {
        byte[] counts = catalog.modelRecord(ModelRecords.count(version));
        if (counts == null) {
            return false; // not pending: nothing waits for this version's items
        }
        ByteBuffer read = ByteBuffer.wrap(counts);
        long held = Math.max(0, read.getLong() + delta);
        long expected = read.getLong();
        if (delta > 0 && held >= expected) {
            byte[] encoded = catalog.modelRecord(ModelRecords.pending(version));
            ModelInfo candidate = Codecs.MODEL_INFO.decode(encoded);
            byte[] currentEncoded = catalog.currentModel();
            ModelInfo current =
                    currentEncoded == null ? null : Codecs.MODEL_INFO.decode(currentEncoded);
            if (ModelVersionOrder.decide(current, candidate) == ModelVersionOrder.Decision.ADOPT) {
                adopt(catalog, current, encoded, candidate);
                return true;
            }
            forgetPending(catalog, version); // overtaken by a newer version meanwhile
            return false;
        }
        catalog.putModelRecord(ModelRecords.count(version), counts(held, expected));
        return false;
    }

    private void adopt(CatalogWriter catalog, ModelInfo old, byte[] encoded, ModelInfo adopted)
            throws Exception {
        catalog.putModelRecord(ModelRecords.CURRENT, encoded);
        forgetPending(catalog, adopted.getModelVersion());
        for (String key : keys(catalog)) {
            if (key.startsWith(ModelRecords.PENDING)) {
                ModelInfo pending = Codecs.MODEL_INFO.decode(catalog.modelRecord(key));
                if (ModelVersionOrder.decide(adopted, pending)
                        != ModelVersionOrder.Decision.ADOPT) {
                    forgetPending(catalog, pending.getModelVersion());
                }
            }
        }
        String kept = old == null ? null : old.getModelVersion();
        dropVectorsOtherThan(catalog, kept);
        metrics.modelAdopted();
        LOG.info(
                "Item-tower version {} is current ({} items announced); {} serves until each"
                        + " subtask's index for it is built",
                adopted.getModelVersion(),
                adopted.getItemCount(),
                kept == null ? "nothing" : kept);
    }

    /**
     * Clears every kept vector but the replaced version's, which subtasks may still serve from
     * until their index for the new one is built: state holds at most two versions per item.
     */
    private static void dropVectorsOtherThan(CatalogWriter catalog, String kept) throws Exception {
        List<Map.Entry<String, CatalogEntry>> stale = new ArrayList<>();
        for (Map.Entry<String, CatalogEntry> item : catalog.items()) {
            CatalogEntry entry = item.getValue();
            if (entry.previousVersion != null && !entry.previousVersion.equals(kept)) {
                stale.add(item);
            }
        }
        for (Map.Entry<String, CatalogEntry> item : stale) {
            CatalogEntry entry = item.getValue();
            CatalogEntry cleared =
                    new CatalogEntry(
                            entry.categoryId, entry.vector, entry.modelVersion, entry.popularity);
            catalog.putItem(item.getKey(), cleared);
        }
    }

    private static void dropPendingBeyondLimit(CatalogWriter catalog) throws Exception {
        List<ModelInfo> pending = new ArrayList<>();
        for (String key : keys(catalog)) {
            if (key.startsWith(ModelRecords.PENDING)) {
                pending.add(Codecs.MODEL_INFO.decode(catalog.modelRecord(key)));
            }
        }
        pending.sort(ModelVersionOrder::compare);
        for (int i = 0; i < pending.size() - MAX_PENDING; i++) {
            LOG.warn(
                    "Pending item-tower version {} dropped: {} newer ones wait for their items",
                    pending.get(i).getModelVersion(),
                    MAX_PENDING);
            forgetPending(catalog, pending.get(i).getModelVersion());
        }
    }

    private static void forgetPending(CatalogWriter catalog, String version) throws Exception {
        catalog.removeModelRecord(ModelRecords.pending(version));
        catalog.removeModelRecord(ModelRecords.count(version));
    }

    private static List<String> keys(CatalogWriter catalog) throws Exception {
        List<String> out = new ArrayList<>();
        catalog.modelRecordKeys().forEach(out::add);
        return out;
    }

    /** Entries holding {@code version}'s vector: once per pending version, when it arrives. */
    private static long itemsOf(CatalogView catalog, String version) throws Exception {
        long n = 0;
        for (Map.Entry<String, CatalogEntry> item : catalog.items()) {
            if (version.equals(item.getValue().modelVersion)) {
                n++;
            }
        }
        return n;
    }

    private String currentVersion(CatalogView catalog) throws Exception {
        byte[] encoded = catalog.currentModel();
        if (encoded != currentBytes) {
            currentBytes = encoded;
            currentVersion =
                    encoded == null ? null : Codecs.MODEL_INFO.decode(encoded).getModelVersion();
        }
        return currentVersion;
    }

    private static byte[] counts(long held, long expected) {
        return ByteBuffer.allocate(2 * Long.BYTES).putLong(held).putLong(expected).array();
    }
}
