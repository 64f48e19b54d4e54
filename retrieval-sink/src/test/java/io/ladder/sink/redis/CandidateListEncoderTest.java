package io.ladder.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ladder.schemas.Candidate;
import io.ladder.schemas.CandidateList;
import io.ladder.schemas.CandidateSource;
import io.ladder.schemas.codec.Codecs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CandidateListEncoderTest {
    private static final String[] IDS = {"1234567", "", "é-ß-漢字", "item:\u0000:x", "😀"};

    @Test
    void knowsTheCurrentSchema() {
        assertThat(CandidateListEncoder.SUPPORTED)
                .as("CandidateList changed: update CandidateListEncoder (or remove the fast path)")
                .isTrue();
    }

    @Test
    void writesExactlyWhatTheAvroCodecWrites() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            CandidateList list = randomList(random);
            assertThat(CandidateListEncoder.encode(list, 0))
                    .as("list %d", i)
                    .isEqualTo(Codecs.CANDIDATE_LIST.encode(list));
        }
    }

    @Test
    void writesTheSourceTimeAndDefaultsItToTheEpoch() {
        CandidateList list = randomList(new SplittableRandom(7));
        list.setSourceTime(Instant.ofEpochMilli(1_764_000_000_123L));
        byte[] encoded = CandidateListEncoder.encode(list, 0);
        assertThat(encoded).isEqualTo(Codecs.CANDIDATE_LIST.encode(list));
        assertThat(Codecs.CANDIDATE_LIST.decode(encoded).getSourceTime())
                .isEqualTo(Instant.ofEpochMilli(1_764_000_000_123L));
        // Lists built without it (e.g. by code that predates v2) carry the epoch: "unknown".
        CandidateList unset =
                CandidateList.newBuilder()
                        .setUserId("u")
                        .setCandidates(List.of())
                        .setModelVersion("")
                        .setGeneratedTime(Instant.EPOCH)
                        .setAsOf(Instant.EPOCH)
                        .setSequence(1)
                        .build();
        assertThat(unset.getSourceTime()).isEqualTo(Instant.EPOCH);
        assertThat(CandidateListEncoder.encode(unset, 0))
                .isEqualTo(Codecs.CANDIDATE_LIST.encode(unset));
    }

    @Test
    void aValueWrittenWithSchemaV1StillDecodesWithAnEpochSourceTime() throws Exception {
        org.apache.avro.Schema v1;
        try (java.io.InputStream in =
                Codecs.class.getResourceAsStream("/schemas/released/CandidateList.v1.avsc")) {
            v1 = new org.apache.avro.Schema.Parser().parse(in);
        }
        assertThat(org.apache.avro.SchemaNormalization.parsingFingerprint64(v1))
                .isEqualTo(CandidateListEncoder.FINGERPRINT_V1);
        org.apache.avro.generic.GenericRecord old =
                new org.apache.avro.generic.GenericData.Record(v1);
        old.put("user_id", "u-1");
        old.put("candidates", List.of());
        old.put("model_version", "");
        old.put("generated_time", 5L);
        old.put("as_of", 4L);
        old.put("sequence", 3L);
        byte[] bytes =
                new org.apache.avro.message.BinaryMessageEncoder<
                                org.apache.avro.generic.GenericRecord>(
                                org.apache.avro.generic.GenericData.get(), v1)
                        .encode(old)
                        .array();
        CandidateList read = Codecs.CANDIDATE_LIST.decode(bytes);
        assertThat(read.getSequence()).isEqualTo(3);
        assertThat(read.getSourceTime()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void leavesRoomForTheHeader() {
        CandidateList list = randomList(new SplittableRandom(5));
        byte[] withRoom = CandidateListEncoder.encode(list, 9);
        byte[] plain = Codecs.CANDIDATE_LIST.encode(list);
        assertThat(withRoom).hasSize(9 + plain.length);
        assertThat(java.util.Arrays.copyOfRange(withRoom, 9, withRoom.length)).isEqualTo(plain);
    }

    private static CandidateList randomList(SplittableRandom random) {
        int n = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 150);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id =
                    random.nextInt(5) == 0
                            ? IDS[random.nextInt(IDS.length)]
                            : Integer.toString(random.nextInt(10_000_000));
            float score =
                    switch (random.nextInt(20)) {
                        case 0 -> Float.NaN;
                        case 1 -> Float.NEGATIVE_INFINITY;
                        case 2 -> -0.0f;
                        default -> (float) random.nextDouble(-5, 5);
                    };
            candidates.add(
                    new Candidate(
                            id,
                            score,
                            CandidateSource.values()[
                                    random.nextInt(CandidateSource.values().length)],
                            random.nextInt(-1, 1_000_000)));
        }
        return new CandidateList(
                random.nextBoolean() ? "u" + random.nextLong() : IDS[random.nextInt(IDS.length)],
                candidates,
                random.nextBoolean() ? "" : "tower-" + random.nextInt(),
                Instant.ofEpochMilli(random.nextLong(-1L << 50, 1L << 50)),
                Instant.ofEpochMilli(random.nextLong(0, 1L << 42)),
                random.nextInt(3) == 0 ? Long.MAX_VALUE : random.nextLong(0, Long.MAX_VALUE),
                random.nextInt(4) == 0
                        ? Instant.EPOCH
                        : Instant.ofEpochMilli(random.nextLong(0, 1L << 42)));
    }
}
