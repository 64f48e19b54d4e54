package io.ladder.sink;

/** Every writer test with one script call per list (the write before batched calls). */
class RedisCandidateWriterOneKeyPerCallITCase extends RedisCandidateWriterITCase {
    @Override
    RedisCandidateSinkBuilder sink() {
        return super.sink().setKeysPerCall(1);
    }
}
