package io.ladder.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft Kafka broker in the test JVM, started once per test class (3-7 s) and
 * deleted afterwards. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 *
 * @Test
 * void test() {
 *     KAFKA.createTopic("events", 4);
 *     KAFKA.produce("events", key, value);
 *     List<ConsumerRecord<byte[], byte[]>> records = KAFKA.readAll("events");
 * }
 * }</pre>
 *
 * Topics are not auto-created: create each one with {@link #createTopic}. Broker files live under
 * {@code java.io.tmpdir} ({@code target/} in this build).
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> brokerProperties = new HashMap<>();
    private KafkaClusterTestKit cluster;
    private Admin admin;

    public KafkaBrokerExtension() {
        brokerProperties.put("auto.create.topics.enable", "false");
        brokerProperties.put("group.initial.rebalance.delay.ms", "0");
        brokerProperties.put("offsets.topic.num.partitions", "1");
        // One broker: the internal topics (consumer groups, transactions) must not ask for 3
        // replicas, or group coordination never becomes available.
        brokerProperties.put("offsets.topic.replication.factor", "1");
        brokerProperties.put("transaction.state.log.replication.factor", "1");
        brokerProperties.put("transaction.state.log.min.isr", "1");
        brokerProperties.put("transaction.state.log.num.partitions", "1");
    }

    /**
     * Sets a broker property before the broker starts (e.g. {@code log.message.timestamp.type}).
     */
    public KafkaBrokerExtension withBrokerProperty(String key, Object value) {
        if (cluster != null) {
            throw new IllegalStateException("the broker is already running");
        }
        brokerProperties.put(key, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    /** Starts the broker (done by JUnit before the class's tests; public for other harnesses). */
    public void start() throws Exception {
        if (cluster != null) {
            return;
        }
        Path base = Files.createTempDirectory("kafka-broker-");
        KafkaClusterTestKit.Builder builder =
                new KafkaClusterTestKit.Builder(
                                new TestKitNodes.Builder()
                                        .setCombined(true)
                                        .setNumBrokerNodes(1)
                                        .setNumControllerNodes(1)
                                        .setBaseDirectory(base)
                                        .build())
                        .setDeleteOnClose(true);
        brokerProperties.forEach(builder::setConfigProp);
        KafkaClusterTestKit kit = builder.build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            kit.close();
            throw e;
        }
        cluster = kit;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        admin = Admin.create(props);
    }

    /** Stops the broker and deletes its files (done by JUnit after the class's tests). */
    public void stop() throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** {@code host:port} of the broker's client listener. */
    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    /** An admin client on the broker, closed with the broker; do not close it yourself. */
    public Admin admin() {
        running();
        return admin;
    }

    /** Creates a topic (replication factor 1) and waits until it exists. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try {
            admin().createTopics(
                            List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                    .all()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Producer properties for this broker (byte[] keys and values, idempotent, acks=all). */
    public Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /** Publishes one record (key may be null) and waits for the acknowledgement. */
    public void produce(String topic, byte[] key, byte[] value) {
        produce(List.of(new ProducerRecord<>(topic, key, value)));
    }

    /** Publishes records in order and waits until all are acknowledged. */
    public void produce(List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                acks.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to the test broker", e);
        }
    }

    /**
     * Every record of {@code topic} up to its end offsets at the time of the call (committed
     * records only), in partition then offset order.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return readAll(topic, Duration.ofSeconds(30));
    }

    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Duration timeout) {
        return KafkaTopics.readAll(bootstrapServers(), topic, timeout);
    }

    /**
     * Waits until {@code topic} holds at least {@code count} records, then returns them all (for
     * output written asynchronously, e.g. by a running job).
     */
    public List<ConsumerRecord<byte[], byte[]>> awaitRecords(
            String topic, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, timeout);
        while (records.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "expected at least "
                                + count
                                + " records in "
                                + topic
                                + " within "
                                + timeout
                                + ", found "
                                + records.size());
            }
            Thread.sleep(200);
            records = readAll(topic, timeout);
        }
        return records;
    }

    private KafkaClusterTestKit running() {
        if (cluster == null) {
            throw new IllegalStateException(
                    "the broker is not running: register KafkaBrokerExtension on a static field"
                            + " with @RegisterExtension");
        }
        return cluster;
    }
}
