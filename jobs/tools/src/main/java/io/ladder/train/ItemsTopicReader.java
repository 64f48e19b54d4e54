package io.ladder.train;

import io.ladder.jobs.catalog.ModelVersionOrder;
import io.ladder.jobs.ingest.BoundedTopicRead;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.Codecs;
import io.ladder.schemas.codec.InvalidRecordException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the compacted items topic to its current end and returns the newest complete tower version:
 * the newest by {@link ModelVersionOrder} (the job's order) whose ModelInfo's {@code item_count}
 * items are all there under that version (a version without a count counts as complete). The topic
 * keeps the latest record per key, so it holds each item's newest vector; a version half-published
 * by a run that died is skipped, as the job skips it.
 */
public final class ItemsTopicReader {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * Decoded ModelInfos held while reading, the newest by the job's order: each carries every
     * category's heads (megabytes), and a topic whose old versions were never retired must not fill
     * the heap. The newest complete one is among them unless this many newer ones are all
     * incomplete (the job gives up on a pending version sooner: VersionAdoption.MAX_PENDING).
     */
    static final int MAX_MODEL_INFOS_HELD = 8;

    private ItemsTopicReader() {}

    /**
     * What the items topic holds: its newest complete version, and every version whose ModelInfo is
     * still there (version name to its place in the job's order), for retiring old ones.
     */
    public record Snapshot(Optional<PublishedTower> newestComplete, List<ModelInfo> versions) {}

    /** The newest complete version, empty when the topic holds none (or does not exist). */
    public static Optional<PublishedTower> newestComplete(
            String bootstrap, String topic, PrintStream log) {
        return read(bootstrap, topic, log).newestComplete();
    }

    /**
     * Reads the topic to its end. {@link Snapshot#versions()} are ModelInfos stripped of their
     * heads (name, created time, counts), oldest first.
     */
    public static Snapshot read(String bootstrap, String topic, PrintStream log) {
        long start = System.nanoTime();
        Contents c = new Contents();
        try (BoundedTopicRead read =
                BoundedTopicRead.open(bootstrap, topic, "ladder-retrainer", TIMEOUT)) {
            if (!read.exists()) {
                log.printf("items topic %s not found: cold start%n", topic);
                return new Snapshot(Optional.empty(), List.of());
            }
            read.read(Map.of(), c::accept);
        }
        List<ModelInfo> newestFirst = new ArrayList<>(c.versions.values());
        newestFirst.sort((a, b) -> ModelVersionOrder.compare(b, a));
        Map<String, Long> held = new HashMap<>();
        c.itemVersion.values().forEach(v -> held.merge(v, 1L, Long::sum));
        for (ModelInfo info : newestFirst) {
            String version = info.getModelVersion();
            long have = held.getOrDefault(version, 0L);
            if (info.getItemCount() > 0 && have < info.getItemCount()) {
                log.printf(
                        "version %s incomplete on %s (%d of %d items): not a warm start%n",
                        version, topic, have, info.getItemCount());
                continue;
            }
            Map<String, PublishedTower.StoredItem> items = new LinkedHashMap<>();
            c.stored.forEach(
                    (id, s) -> {
                        if (version.equals(c.itemVersion.get(id))) {
                            items.put(id, s);
                        }
                    });
            log.printf(
                    java.util.Locale.ROOT,
                    "previous version %s: %d items, read %d records of %s in %.2fs"
                            + " (%d undecodable)%n",
                    version,
                    items.size(),
                    c.records,
                    topic,
                    (System.nanoTime() - start) / 1e9,
                    c.undecodable);
            return new Snapshot(Optional.of(new PublishedTower(info, items)), oldestFirst(c.live));
        }
        log.printf("no complete version on %s (%d records): cold start%n", topic, c.records);
        return new Snapshot(Optional.empty(), oldestFirst(c.live));
    }

    /** What the topic holds, record by record; the latest record of a key wins, as compaction. */
    private static final class Contents {
        /** Decoded ModelInfos, at most {@link #MAX_MODEL_INFOS_HELD}, the newest kept. */
        final Map<String, ModelInfo> versions = new HashMap<>();

        /** Every version whose ModelInfo was not retired, without its heads. */
        final Map<String, ModelInfo> live = new HashMap<>();

        // item id -> version, and -> (category, vector): the Avro records' boxed floats are not
        // kept
        final Map<String, String> itemVersion = new HashMap<>();
        final Map<String, PublishedTower.StoredItem> stored = new LinkedHashMap<>();
        long records;
        long undecodable;

        boolean accept(ConsumerRecord<byte[], byte[]> r) {
            records++;
            String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
            boolean model = key.startsWith(ItemPublisher.MODEL_KEY_PREFIX);
            if (r.value() == null) {
                if (model) { // a retired version
                    String version = key.substring(ItemPublisher.MODEL_KEY_PREFIX.length());
                    versions.remove(version);
                    live.remove(version);
                }
                itemVersion.remove(key); // tombstone: the item was deleted
                stored.remove(key);
                return true;
            }
            try {
                if (model) {
                    ModelInfo info = Codecs.MODEL_INFO.decode(r.value());
                    versions.put(info.getModelVersion(), info);
                    live.put(info.getModelVersion(), withoutHeads(info));
                    if (versions.size() > MAX_MODEL_INFOS_HELD) {
                        versions.values().stream()
                                .min(ModelVersionOrder::compare)
                                .ifPresent(oldest -> versions.remove(oldest.getModelVersion()));
                    }
                } else {
                    Item item = Codecs.ITEM.decode(r.value());
                    itemVersion.put(key, item.getModelVersion());
                    stored.put(key, PublishedTower.stored(item));
                }
            } catch (InvalidRecordException e) {
                undecodable++;
            }
            return true;
        }
    }

    private static ModelInfo withoutHeads(ModelInfo info) {
        return ModelInfo.newBuilder(info)
                .setCategoryHeads(List.of())
                .setDefaultEmbedding(List.of())
                .build();
    }

    private static List<ModelInfo> oldestFirst(Map<String, ModelInfo> live) {
        List<ModelInfo> out = new ArrayList<>(live.values());
        out.sort(ModelVersionOrder::compare);
        return out;
    }
}
