package io.ladder.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.jobs.ingest.DeadLetters;
import io.ladder.schemas.DeadLetter;
import io.ladder.schemas.codec.Codecs;
import java.nio.ByteBuffer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes an encoded dead letter and checks it points back at the record it came from. */
final class DeadLetterAssert {
    private DeadLetterAssert() {}

    static DeadLetter deadLetterOf(byte[] encoded, ConsumerRecord<byte[], byte[]> record) {
        assertThat(encoded).as("encoded dead letter").isNotNull();
        DeadLetter letter = Codecs.DEAD_LETTER.decode(encoded);
        assertThat(letter.getSourceTopic()).isEqualTo(record.topic());
        assertThat(letter.getSourcePartition()).isEqualTo(record.partition());
        assertThat(letter.getSourceOffset()).isEqualTo(record.offset());
        int length = record.value() == null ? 0 : record.value().length;
        assertThat(letter.getOriginalLength()).isEqualTo(length);
        if (record.value() != null && length <= DeadLetters.MAX_ORIGINAL_BYTES) {
            assertThat(letter.getOriginal()).isEqualTo(ByteBuffer.wrap(record.value()));
        }
        return letter;
    }
}
