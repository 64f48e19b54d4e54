package io.ladder.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

class ScriptCallsTest {
    private static PendingList entry(String key) {
        return new PendingList(null, key, 1, key.getBytes(StandardCharsets.UTF_8), new byte[9], 0L);
    }

    private static List<PendingList> entries(String... keys) {
        List<PendingList> list = new ArrayList<>();
        for (String k : keys) {
            list.add(entry(k));
        }
        return list;
    }

    private static List<List<String>> keys(List<List<PendingList>> calls) {
        return calls.stream().map(c -> c.stream().map(PendingList::userId).toList()).toList();
    }

    @Test
    void standaloneCutsInOrderIntoCallsOfAtMostTheLimit() {
        List<List<PendingList>> calls =
                ScriptCalls.split(entries("a", "b", "c", "d", "e"), 2, false);

        assertThat(keys(calls)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
    }

    @Test
    void clusterGroupsBySlotInOrderAndCutsEachSlotAtTheLimit() {
        List<List<PendingList>> calls =
                ScriptCalls.split(entries("{x}1", "{y}1", "{x}2", "{x}3", "{y}2", "{x}4"), 3, true);

        assertThat(keys(calls))
                .containsExactly(
                        List.of("{x}1", "{x}2", "{x}3"), List.of("{y}1", "{y}2"), List.of("{x}4"));
        for (List<PendingList> call : calls) {
            assertThat(call)
                    .extracting(p -> JedisClusterCRC16.getSlot(p.key()))
                    .containsOnly(JedisClusterCRC16.getSlot(call.get(0).key()));
        }
    }
}
