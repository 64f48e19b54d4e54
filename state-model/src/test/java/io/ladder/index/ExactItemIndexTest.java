package io.ladder.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactItemIndexTest extends ItemIndexContract {

    @Override
    ItemIndex newIndex(int dimensions) {
        return new ExactItemIndex(dimensions);
    }

    @Test
    void matchesBruteForceAfterManyUpsertsAndRemovals() {
        Random random = new Random(21);
        List<float[]> vectors = new ArrayList<>();
        List<Float> pops = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            vectors.add(randomVector(random));
            pops.add((float) random.nextInt(5));
            index.upsert("i" + i, vectors.get(i), pops.get(i));
        }
        // removals swap the last slot into the hole: the survivors must still be found exactly
        for (int i = 0; i < 3000; i += 7) {
            index.remove("i" + i);
        }
        List<float[]> kept = new ArrayList<>();
        List<Float> keptPops = new ArrayList<>();
        List<String> keptIds = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            if (i % 7 != 0) {
                kept.add(vectors.get(i));
                keptPops.add(pops.get(i));
                keptIds.add("i" + i);
            }
        }
        assertThat(index.size()).isEqualTo(kept.size());
        for (int q = 0; q < 10; q++) {
            float[] query = randomVector(random);
            List<String> expected =
                    bruteForce(kept, keptPops, query, 25).stream()
                            .map(id -> keptIds.get(Integer.parseInt(id.substring(1))))
                            .toList();
            assertThat(index.search(query, 25, null))
                    .extracting(ScoredItem::id)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void hasNoRebuilds() {
        assertThat(index.version()).isZero();
        assertThat(index.builtAtMillis()).isPositive();
    }
}
