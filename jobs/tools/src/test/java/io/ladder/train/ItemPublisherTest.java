package io.ladder.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ItemPublisherTest {
    private static final TrainedTower TOWER =
            ItemTowerTrainer.train(
                    ItemTowerTrainerTest.config().epochs(1).modelVersion("v7").build(),
                    SyntheticHistory.generate(3, 20, 10));

    @Test
    void publishesModelInfoFirstThenItemsKeyedById() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(
                        true, null, new ByteArraySerializer(), new ByteArraySerializer());
        List<Item> items = TOWER.items();
        try (ItemPublisher publisher = new ItemPublisher(producer, "ladder.items")) {
            assertThat(publisher.publish(TOWER.modelInfo(), items)).isEqualTo(items.size() + 1);
        }
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(items.size() + 1);
        assertThat(key(sent.get(0))).isEqualTo("__model__/v7");
        assertThat(Codecs.MODEL_INFO.recognizes(sent.get(0).value())).isTrue();
        ModelInfo info = Codecs.MODEL_INFO.decode(sent.get(0).value());
        assertThat(info.getModelVersion()).isEqualTo("v7");
        assertThat(info.getCategoryHeads()).isNotEmpty();
        assertThat(info.getItemCount())
                .as("the job adopts the version once this many items arrived")
                .isEqualTo(items.size());
        for (int i = 1; i < sent.size(); i++) {
            ProducerRecord<byte[], byte[]> r = sent.get(i);
            assertThat(r.topic()).isEqualTo("ladder.items");
            Item item = Codecs.ITEM.decode(r.value());
            assertThat(key(r)).isEqualTo(item.getItemId());
            assertThat(item.getModelVersion()).isEqualTo("v7");
        }
    }

    @Test
    void sendingFewerItemsThanAnnouncedFailsFinish() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(
                        true, null, new ByteArraySerializer(), new ByteArraySerializer());
        ItemPublisher publisher = new ItemPublisher(producer, "ladder.items");
        publisher.publishModelInfo(TOWER.modelInfo(), 2);
        publisher.publishItem(TOWER.items().get(0));
        assertThatThrownBy(publisher::finish).hasMessageContaining("announced 2 items but 1");
    }

    @Test
    void aFailedItemSendFailsFinish() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(
                        false, null, new ByteArraySerializer(), new ByteArraySerializer());
        ItemPublisher publisher = new ItemPublisher(producer, "ladder.items");
        publisher.publishItem(TOWER.items().get(0));
        producer.errorNext(new IllegalStateException("broker gone"));
        assertThatThrownBy(publisher::finish).hasMessageContaining("failed");
    }

    private static String key(ProducerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }
}
