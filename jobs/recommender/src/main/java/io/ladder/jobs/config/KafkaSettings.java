package io.ladder.jobs.config;

import java.io.Serializable;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka topics and client settings. Security (SASL/SSL) and any other client property come from
 * {@code kafka.properties-file} and {@code kafka.property.<name>} options, never from code.
 */
public record KafkaSettings(
        String bootstrapServers,
        String eventsTopic,
        String itemsTopic,
        String deadLetterTopic,
        String groupId,
        String startingOffsets,
        Map<String, String> clientProperties)
        implements Serializable {

    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    public static final String DEFAULT_EVENTS_TOPIC = "ladder.events";
    public static final String DEFAULT_ITEMS_TOPIC = "ladder.items";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "ladder.dead-letters";
    public static final String DEFAULT_GROUP_ID = "ladder-recommendation";

    /**
     * Largest record of the items topic: a {@code ModelInfo} carries every category's heads (3 x 32
     * floats each), so a shop with thousands of categories exceeds Kafka's 1 MB default. The
     * topic's {@code max.message.bytes} (scripts/stack, deploy/k8s/kafka-topics.yaml) and the
     * trainer's producer {@code max.request.size} are set to this; consumers need nothing (a batch
     * larger than the fetch size is still returned whole).
     */
    public static final int ITEMS_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    /** Client properties for every consumer and producer the job creates. */
    public Properties properties() {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        return properties;
    }

    /** Redacted: client properties may hold SASL passwords. */
    @Override
    public String toString() {
        return "KafkaSettings{bootstrap="
                + bootstrapServers
                + ", events="
                + eventsTopic
                + ", items="
                + itemsTopic
                + ", deadLetters="
                + deadLetterTopic
                + ", group="
                + groupId
                + ", startingOffsets="
                + startingOffsets
                + ", clientProperties="
                + clientProperties.keySet()
                + "}";
    }
}
