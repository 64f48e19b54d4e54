package io.ladder.train;

import io.ladder.jobs.catalog.ModelVersionOrder;
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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the compacted items topic to its current end and returns the newest complete tower version:
 * the newest by {@link ModelVersionOrder} (the job's order) whose ModelInfo's {@code item_count}
 * items are all there under that version (a version without a count counts as complete). The topic
 * keeps the latest record per key, so it holds each item's newest vector; a version half-published
 * by a run that died is skipped, as the job skips it.
 */
public final class ItemsTopicReader {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ItemsTopicReader() {}

    /** The newest complete version, empty when the topic holds none (or does not exist). */
    public static Optional<PublishedTower> newestComplete(
            String bootstrap, String topic, PrintStream log) {
        long start = System.nanoTime();
        Map<String, ModelInfo> versions = new HashMap<>();
        // item id -> (version, category, vector): the Avro records' boxed floats are not kept
        Map<String, String> itemVersion = new HashMap<>();
        Map<String, PublishedTower.StoredItem> stored = new LinkedHashMap<>();
        long records = 0;
        long undecodable = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(TopicWindowReader.props(bootstrap))) {
            var infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                log.printf("items topic %s not found: cold start%n", topic);
                return Optional.empty();
            }
            List<TopicPartition> partitions =
                    infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long lastData = System.nanoTime();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                var batch = consumer.poll(Duration.ofMillis(500));
                if (!batch.isEmpty()) {
                    lastData = System.nanoTime();
                } else if (System.nanoTime() - lastData > TIMEOUT.toNanos()) {
                    throw new IllegalStateException(
                            "no records from " + topic + " for " + TIMEOUT + " before its end");
                }
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    records++;
                    String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null) {
                        itemVersion.remove(key); // tombstone: the item was deleted
                        stored.remove(key);
                        continue;
                    }
                    try {
                        if (key.startsWith(ItemPublisher.MODEL_KEY_PREFIX)) {
                            ModelInfo info = Codecs.MODEL_INFO.decode(r.value());
                            versions.put(info.getModelVersion(), info);
                        } else {
                            Item item = Codecs.ITEM.decode(r.value());
                            itemVersion.put(key, item.getModelVersion());
                            stored.put(key, PublishedTower.stored(item));
                        }
                    } catch (InvalidRecordException e) {
                        undecodable++;
                    }
                }
            }
        }
        List<ModelInfo> newestFirst = new ArrayList<>(versions.values());
        newestFirst.sort((a, b) -> ModelVersionOrder.compare(b, a));
        Map<String, Long> held = new HashMap<>();
        itemVersion.values().forEach(v -> held.merge(v, 1L, Long::sum));
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
            stored.forEach(
                    (id, s) -> {
                        if (version.equals(itemVersion.get(id))) {
                            items.put(id, s);
                        }
                    });
            log.printf(
                    java.util.Locale.ROOT,
                    "previous version %s: %d items, read %d records of %s in %.2fs"
                            + " (%d undecodable)%n",
                    version,
                    items.size(),
                    records,
                    topic,
                    (System.nanoTime() - start) / 1e9,
                    undecodable);
            return Optional.of(new PublishedTower(info, items));
        }
        log.printf("no complete version on %s (%d records): cold start%n", topic, records);
        return Optional.empty();
    }
}
