package io.ladder.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** scripts/evaluate's options, through the job's own parser (RawOptions). */
class EvaluateOptionsTest {
    static final String[] REQUIRED = {
        "--events", "f.csv", "--warmup-until", "1512144000", "--out", "out"
    };

    static String[] with(String... more) {
        String[] out = new String[REQUIRED.length + more.length];
        System.arraycopy(REQUIRED, 0, out, 0, REQUIRED.length);
        System.arraycopy(more, 0, out, REQUIRED.length, more.length);
        return out;
    }

    @Test
    void valuesFlagsAndJobOptionsAreParsed() {
        EvaluateOptions o =
                EvaluateOptions.parse(
                        with(
                                "--k",
                                "10,50",
                                "--resamples",
                                "200",
                                "--tune",
                                "--no-progress",
                                "--retrain-every",
                                "1d",
                                "--model.max-interests",
                                "2",
                                "--index.type",
                                "exact",
                                "--train.popularity-exponent",
                                "0.25"));
        assertThat(o.popularityExponent()).isEqualTo(0.25);
        assertThat(EvaluateOptions.parse(with()).popularityExponent())
                .isEqualTo(io.ladder.train.TrainConfig.DEFAULT_POPULARITY_EXPONENT);
        assertThat(o.warmupUntil()).isEqualTo(Instant.ofEpochSecond(1512144000));
        assertThat(o.ks()).containsExactly(10, 50);
        assertThat(o.bootstrap()).isEqualTo(200);
        assertThat(o.tune()).isTrue();
        assertThat(o.progress()).isFalse();
        assertThat(o.retrainEvery().every()).hasDays(1);
        assertThat(o.jobArgs())
                .containsExactly("--model.max-interests", "2", "--index.type", "exact");
    }

    @Test
    void bootstrapNamesKafkaElsewhereSoHereItPointsToResamples() {
        assertThatThrownBy(() -> EvaluateOptions.parse(with("--bootstrap", "500")))
                .hasMessageStartingWith("--bootstrap is now --resamples");
    }

    @Test
    void aMisspeltOptionIsRefusedNamingIt() {
        assertThatThrownBy(() -> EvaluateOptions.parse(with("--resample", "5")))
                .hasMessageContaining("unknown option(s) [--resample]");
        assertThatThrownBy(() -> EvaluateOptions.parse("--events", "f.csv", "--out", "o"))
                .hasMessageContaining("--warmup-until TS is required");
    }
}
