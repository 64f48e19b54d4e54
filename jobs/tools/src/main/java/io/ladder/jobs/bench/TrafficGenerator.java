package io.ladder.jobs.bench;

import io.ladder.jobs.config.RawOptions;
import io.ladder.schemas.EventType;
import io.ladder.schemas.UserEvent;
import io.ladder.schemas.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Seeded synthetic traffic for the pipeline benchmark: {@code UserEvent}s keyed by user id on the
 * events topic, users uniform over {@code --users}, items Zipf-distributed over {@code --items}
 * (item ids and categories as {@link SyntheticTower} publishes them), types in Taobao's mix (89.5%
 * CLICK, 8.5% CART, 2% PURCHASE).
 *
 * <pre>
 * TrafficGenerator --bootstrap H:P --topic T [--users 100000] [--items 100000]
 *     [--categories 1000] [--zipf 1.0] [--seed 7]
 *     [--events N]            stop after N events (0: until --seconds)
 *     [--seconds S]           stop after S seconds (0: until --events)
 *     [--rate R]              events per second, 0 = as fast as the broker takes them
 *     [--event-time-rate E]   with --rate 0: event times advance as if E events/s arrived, the
 *                             newest at "now" (a backlog that looks like live traffic)
 * </pre>
 *
 * With a rate, event time is the wall clock at sending. Prints one {@code summary:} line.
 */
public final class TrafficGenerator {
    private TrafficGenerator() {}

    public static String itemId(int k) {
        return "i" + k;
    }

    public static String categoryId(int c) {
        return "c" + c;
    }

    public static String userId(int u) {
        return "u" + u;
    }

    public static void main(String[] args) throws Exception {
        RawOptions o = RawOptions.parse(args);
        String bootstrap = o.string("bootstrap", "127.0.0.1:9092");
        String topic = o.string("topic", "ladder.events");
        int users = (int) o.number("users", 100_000);
        int items = (int) o.number("items", 100_000);
        int categories = (int) o.number("categories", 1_000);
        double exponent = o.decimal("zipf", 1.0);
        long seed = o.number("seed", 7);
        long limit = o.number("events", 0);
        double seconds = o.decimal("seconds", 0);
        double rate = o.decimal("rate", 0);
        double eventTimeRate = o.decimal("event-time-rate", 10_000);
        o.refuseUnused(null);
        if (limit <= 0 && seconds <= 0) {
            throw new IllegalArgumentException("give --events N or --seconds S");
        }

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        // Rate mode: small linger keeps the append time close to the send time (freshness is
        // measured from the append). Backlog mode: large batches, fewest broker requests.
        props.put(ProducerConfig.LINGER_MS_CONFIG, rate > 0 ? "5" : "50");
        props.put(
                ProducerConfig.BATCH_SIZE_CONFIG,
                Integer.toString(rate > 0 ? 64 << 10 : 512 << 10));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L << 20));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ladder-bench-traffic");

        Zipf zipf = new Zipf(items, exponent);
        SplittableRandom random = new SplittableRandom(seed);
        AtomicReference<Exception> error = new AtomicReference<>();
        AtomicLong acked = new AtomicLong();
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        long backlogStart =
                limit > 0 ? startMillis - (long) (limit * 1000.0 / eventTimeRate) : startMillis;
        long deadline = seconds > 0 ? startNanos + (long) (seconds * 1e9) : Long.MAX_VALUE;
        long sent = 0;
        long nextReport = startNanos + 10_000_000_000L;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            while ((limit <= 0 || sent < limit) && error.get() == null) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    break;
                }
                if (rate > 0) {
                    long due = (long) ((now - startNanos) / 1e9 * rate);
                    if (sent >= due) {
                        Thread.sleep(1);
                        continue;
                    }
                }
                int u = random.nextInt(users);
                int k = zipf.sample(random);
                double p = random.nextDouble();
                EventType type =
                        p < 0.895
                                ? EventType.CLICK
                                : p < 0.98 ? EventType.CART : EventType.PURCHASE;
                long eventTime =
                        rate > 0
                                ? System.currentTimeMillis()
                                : backlogStart + (long) (sent * 1000.0 / eventTimeRate);
                String user = userId(u);
                UserEvent event =
                        UserEvent.newBuilder()
                                .setEventId("b" + seed + "-" + sent)
                                .setUserId(user)
                                .setItemId(itemId(k))
                                .setCategoryId(categoryId(k % categories))
                                .setType(type)
                                .setEventTime(Instant.ofEpochMilli(eventTime))
                                .build();
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                user.getBytes(StandardCharsets.UTF_8),
                                Codecs.USER_EVENT.encode(event)),
                        (metadata, e) -> {
                            if (e != null) {
                                error.compareAndSet(null, e);
                            } else {
                                acked.incrementAndGet();
                            }
                        });
                sent++;
                if (now >= nextReport) {
                    System.err.printf(
                            "traffic: %d events, %.0f/s%n",
                            sent, sent / ((now - startNanos) / 1e9));
                    nextReport += 10_000_000_000L;
                }
            }
            producer.flush();
        }
        if (error.get() != null) {
            throw new IllegalStateException("producing events failed", error.get());
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf(
                "summary: events=%d acked=%d seconds=%.2f events_per_s=%.0f%n",
                sent, acked.get(), elapsed, sent / elapsed);
    }
}
