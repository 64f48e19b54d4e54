package io.ladder.train;

import io.ladder.jobs.ingest.CatalogDecoder;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes a tower version to the compacted items topic: the {@code ModelInfo} first under key
 * {@code __model__/<version>} (acknowledged before any item is sent, so a consumer never meets an
 * item of an unknown version), then one {@code Item} per item keyed by item id. Values are Avro
 * single-object encoded ({@link Codecs#MODEL_INFO}, {@link Codecs#ITEM}). The first asynchronous
 * send error is rethrown by {@link #finish()}.
 *
 * <p>The ModelInfo announces how many items follow ({@code item_count}): the job adopts a version
 * only once it holds that many of its items, so a half-published tower never serves. The caller
 * states the count before sending the items, and {@link #finish()} fails when a different number
 * was sent (the job would wait for the missing ones forever).
 */
public final class ItemPublisher implements AutoCloseable {
    public static final String MODEL_KEY_PREFIX = CatalogDecoder.MODEL_KEY_PREFIX;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private long sent;
    private long announcedItems = -1;
    private long itemsSent;

    public ItemPublisher(Producer<byte[], byte[]> producer, String topic) {
        // publishModelInfo copies the ModelInfo (Avro's deep copy loads our classes by name):
        // without this a JVM that has not decoded a record yet fails, as SyntheticTower did
        io.ladder.schemas.codec.AvroTrust.ensureRegistered();
        this.producer = producer;
        this.topic = topic;
    }

    /** A publisher with an idempotent, acks=all producer for {@code bootstrap}. */
    public static ItemPublisher connect(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ladder-item-tower-trainer");
        // A ModelInfo with thousands of category heads is larger than the 1 MB default.
        props.put(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(io.ladder.jobs.config.KafkaSettings.ITEMS_MAX_MESSAGE_BYTES));
        return new ItemPublisher(
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()),
                topic);
    }

    public static String modelKey(String version) {
        return MODEL_KEY_PREFIX + version;
    }

    /**
     * Deletes a version's ModelInfo from the compacted topic (a tombstone under its key): the job
     * ignores it (CatalogDecoder), compaction then drops the ModelInfo and, after the topic's
     * {@code delete.retention.ms}, the tombstone. Its items are not touched: each item key holds
     * the newest version's vector already.
     */
    public void retire(String version) {
        try {
            producer.send(new ProducerRecord<>(topic, key(modelKey(version)), null)).get();
            sent++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retiring " + version, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("retiring " + version + " failed", e.getCause());
        }
    }

    /** Publishes a whole version: its ModelInfo (announcing {@code items.size()}), then items. */
    public long publish(ModelInfo info, List<Item> items) {
        publishModelInfo(info, items.size());
        items.forEach(this::publishItem);
        return finish();
    }

    /**
     * Sends the ModelInfo with {@code item_count = itemCount} and waits for its acknowledgement;
     * then exactly {@code itemCount} {@link #publishItem} calls must follow.
     */
    public void publishModelInfo(ModelInfo info, int itemCount) {
        if (itemCount < 0) {
            throw new IllegalArgumentException("item count must be >= 0, was " + itemCount);
        }
        ModelInfo announced = ModelInfo.newBuilder(info).setItemCount(itemCount).build();
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic,
                        key(modelKey(info.getModelVersion())),
                        Codecs.MODEL_INFO.encode(announced));
        try {
            producer.send(record).get();
            sent++;
            announcedItems = itemCount;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing ModelInfo", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not publish ModelInfo to " + topic + ": " + e.getCause(), e.getCause());
        }
    }

    public void publishItem(Item item) {
        producer.send(
                new ProducerRecord<>(topic, key(item.getItemId()), Codecs.ITEM.encode(item)),
                (metadata, error) -> {
                    if (error != null) {
                        firstError.compareAndSet(null, error);
                    }
                });
        sent++;
        itemsSent++;
    }

    /** Flushes and rethrows the first failed send. Returns the number of records sent. */
    public long finish() {
        producer.flush();
        Exception error = firstError.get();
        if (error != null) {
            throw new IllegalStateException("publishing items to " + topic + " failed", error);
        }
        if (announcedItems >= 0 && itemsSent != announcedItems) {
            throw new IllegalStateException(
                    "the ModelInfo announced "
                            + announcedItems
                            + " items but "
                            + itemsSent
                            + " were sent: the job will not adopt this version");
        }
        return sent;
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
