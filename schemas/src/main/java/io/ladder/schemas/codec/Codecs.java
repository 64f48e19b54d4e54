package io.ladder.schemas.codec;

import io.ladder.schemas.CandidateList;
import io.ladder.schemas.DeadLetter;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import io.ladder.schemas.UserEvent;

/** One shared codec per record type (codecs are thread-safe and costly to build). */
public final class Codecs {
    public static final AvroCodec<UserEvent> USER_EVENT = AvroCodec.of(UserEvent.class);
    public static final AvroCodec<Item> ITEM = AvroCodec.of(Item.class);
    public static final AvroCodec<ModelInfo> MODEL_INFO = AvroCodec.of(ModelInfo.class);
    public static final AvroCodec<CandidateList> CANDIDATE_LIST = AvroCodec.of(CandidateList.class);
    public static final AvroCodec<DeadLetter> DEAD_LETTER = AvroCodec.of(DeadLetter.class);

    private Codecs() {}
}
