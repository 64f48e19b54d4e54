package io.ladder.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuerySetTest {
    @Test
    void roundTripsItemsAndQueries(@TempDir Path dir) throws IOException {
        QuerySet set =
                new QuerySet(
                        3,
                        new float[][] {{1, 0, 0}, {0, 0.6f, 0.8f}},
                        new float[][] {{0.5f, -0.5f, 0.25f}});
        Path file = dir.resolve("q.bin");
        set.write(file);
        QuerySet read = QuerySet.read(file);
        assertThat(read.dimension()).isEqualTo(3);
        assertThat(read.items()).isDeepEqualTo(set.items());
        assertThat(read.queries()).isDeepEqualTo(set.queries());
    }

    @Test
    void refusesAVectorOfAnotherDimension() {
        assertThatThrownBy(() -> new QuerySet(3, new float[][] {{1, 0}}, new float[0][]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("item 0 has 2 floats");
    }

    @Test
    void refusesAFileThatIsNotAQuerySet(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("other.bin");
        Files.writeString(file, "user_id,item_id\n");
        assertThatThrownBy(() -> QuerySet.read(file)).hasMessageContaining("not a query set");
    }

    @Test
    void refusesACorruptHeaderBeforeAllocating(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("corrupt.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(0x4C414451);
            out.writeInt(1);
            out.writeInt(96);
            out.writeInt(Integer.MAX_VALUE);
            out.writeInt(1);
        }
        assertThatThrownBy(() -> QuerySet.read(file)).hasMessageContaining("out of range");
    }
}
