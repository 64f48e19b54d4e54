package io.ladder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UserStateSerializerTest extends UserModelTestBase {
    private static final int T = 3;
    private static final int H = UserModelConfig.DEFAULT_HEAD_DIM;

    /** Size goal at the defaults (issue 3). */
    private static final int MAX_BYTES = 4096;

    private final UserModel model = model(UserModelConfig.defaults());

    /** Item ids shaped like the Taobao / RetailRocket ones: up to seven digits. */
    private static String itemId(int n) {
        return Integer.toString(1_000_000 + n % 9_000_000);
    }

    /** A user at the bounds: K interests, full recent and purchased lists. */
    static UserState fullUser(UserModel model, Random random, int events) {
        float[][] tastes = new float[8][];
        for (int c = 0; c < tastes.length; c++) {
            tastes[c] = randomHeads(random, T, H);
        }
        float[][] pool = new float[512][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = near(tastes[i % tastes.length], 0.6, random, T, H);
        }
        UserState s = model.newState();
        model.refold(s, id -> null, "tower-v7");
        for (int e = 0; e < events; e++) {
            int level = random.nextInt(4) == 0 ? UserModelConfig.PURCHASE : typicalLevel(random);
            model.update(s, level, itemId(e), pool[e % pool.length], T0 + e * MINUTE);
            if (e % 4 == 0) {
                model.negative(s, pool[random.nextInt(pool.length)], T0 + e * MINUTE);
            }
        }
        return s;
    }

    @Test
    void roundTripIsExactAndByteIdentical() throws IOException {
        UserState s = fullUser(model, new Random(51), 500);
        byte[] bytes = UserStateSerializer.toBytes(s);
        UserState read = UserStateSerializer.fromBytes(bytes);
        assertThat(read).isEqualTo(s);
        assertThat(read.interests()).hasSize(4);
        assertThat(read.recentItems()).isEqualTo(s.recentItems());
        assertThat(read.purchasedItems()).isEqualTo(s.purchasedItems());
        assertThat(read.negatives()).isEqualTo(125);
        assertThat(read.modelVersion()).isEqualTo("tower-v7");
        assertThat(UserStateSerializer.toBytes(read)).isEqualTo(bytes);
        // A restored state keeps evolving exactly like the original.
        float[] v = randomHeads(new Random(52), T, H);
        model.update(s, UserModelConfig.CART, "x", v, T0 + DAY);
        model.update(read, UserModelConfig.CART, "x", v, T0 + DAY);
        assertThat(UserStateSerializer.toBytes(read)).isEqualTo(UserStateSerializer.toBytes(s));
    }

    @Test
    void anEmptyStateRoundTrips() throws IOException {
        UserState s = model.newState();
        UserState read = UserStateSerializer.fromBytes(UserStateSerializer.toBytes(s));
        assertThat(read).isEqualTo(s);
        assertThat(read.levels()).isEqualTo(T);
        assertThat(read.headDim()).isEqualTo(H);
    }

    @Test
    void aUserAtTheDefaultBoundsFitsInFourKilobytes() {
        UserState s = fullUser(model, new Random(53), 2000);
        assertThat(s.interests()).hasSize(UserModelConfig.DEFAULT_MAX_INTERESTS);
        assertThat(s.recentItemCount()).isEqualTo(UserModelConfig.DEFAULT_RECENT_ITEMS);
        assertThat(s.purchasedItemCount()).isEqualTo(UserModelConfig.DEFAULT_PURCHASED_ITEMS);
        int bytes = UserStateSerializer.toBytes(s).length;
        System.out.println("bytes per user at the defaults: " + bytes);
        assertThat(bytes).isLessThanOrEqualTo(MAX_BYTES);
    }

    @Test
    void memoryStaysBoundedOver100kEventsForOneUser() {
        Random random = new Random(54);
        float[][] pool = new float[1024][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = randomHeads(random, T, H); // every item its own taste: worst case for K
        }
        UserState s = model.newState();
        int sizeAt10k = 0;
        for (int e = 0; e < 100_000; e++) {
            int level = e % 10 == 0 ? UserModelConfig.PURCHASE : UserModelConfig.CLICK;
            model.update(
                    s, level, "item-" + (1_000_000 + e), pool[e % pool.length], T0 + e * MINUTE);
            if (e == 10_000) {
                sizeAt10k = UserStateSerializer.toBytes(s).length;
            }
        }
        assertThat(s.interests()).hasSizeLessThanOrEqualTo(UserModelConfig.DEFAULT_MAX_INTERESTS);
        assertThat(s.recentItemCount()).isEqualTo(UserModelConfig.DEFAULT_RECENT_ITEMS);
        assertThat(s.purchasedItemCount()).isEqualTo(UserModelConfig.DEFAULT_PURCHASED_ITEMS);
        assertThat(s.totalEvents()).isEqualTo(100_000);
        int size = UserStateSerializer.toBytes(s).length;
        assertThat(size).isLessThanOrEqualTo(MAX_BYTES);
        // Only the varint counters grow (log of the event count), never the collections.
        assertThat(size - sizeAt10k).isLessThan(16);
    }

    /**
     * A state written by the version-1 layout (before {@code negatives} was added), built byte by
     * byte here rather than by the current writer, reads with the current reader.
     */
    @Test
    void readsTheVersion1Layout() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        long base = T0 + 5 * MINUTE;
        out.writeByte(1); // format version
        out.writeByte(1); // levels T
        out.writeByte(2); // headDim h
        string(out, "tower-v3");
        out.writeByte(4); // totalEvents
        out.writeByte(3); // three level counts: click, cart, purchase
        out.writeByte(2);
        out.writeByte(1);
        out.writeByte(1);
        // (no negatives in version 1)
        out.writeLong(base);
        out.writeByte(1); // one interest
        out.writeDouble(2.5); // weight
        out.writeByte(0); // zigzag(base - lastUpdate) = 0
        out.writeByte(4); // event count
        out.writeFloat(0.6f);
        out.writeFloat(0.8f);
        out.writeByte(2); // two recent items, oldest first
        string(out, "a");
        out.writeByte(3); // purchased
        varint(out, 2 * (base - T0)); // zigzag of the positive delta to the base
        out.writeByte(1);
        string(out, "b");
        out.writeByte(1);
        out.writeByte(0);
        out.writeByte(3);
        out.writeByte(1); // one purchased item
        string(out, "a");
        byte[] v1 = bytes.toByteArray();

        UserState s = UserStateSerializer.fromBytes(v1);
        assertThat(s.levels()).isEqualTo(1);
        assertThat(s.headDim()).isEqualTo(2);
        assertThat(s.modelVersion()).isEqualTo("tower-v3");
        assertThat(s.totalEvents()).isEqualTo(4);
        assertThat(s.countsPerLevel()).containsExactly(2, 1, 1);
        assertThat(s.negatives()).as("field added in version 2").isZero();
        Interest interest = s.interests().get(0);
        assertThat(interest.vector()).containsExactly(0.6f, 0.8f);
        assertThat(interest.weight()).isEqualTo(2.5);
        assertThat(interest.lastUpdateMillis()).isEqualTo(base);
        assertThat(interest.eventCount()).isEqualTo(4);
        List<RecentItem> recent = s.recentItems();
        assertThat(recent)
                .containsExactly(new RecentItem("b", 1, base, 3), new RecentItem("a", 3, T0, 1));
        assertThat(s.hasPurchased("a")).isTrue();
        // Written back, it is current-format and reads the same.
        UserState again = UserStateSerializer.fromBytes(UserStateSerializer.toBytes(s));
        assertThat(again).isEqualTo(s);
        assertThat(UserStateSerializer.toBytes(s)[0]).isEqualTo((byte) 2);
    }

    @Test
    void refusesAFormatNewerThanItKnows() {
        byte[] bytes = UserStateSerializer.toBytes(model.newState());
        bytes[0] = (byte) (UserStateSerializer.CURRENT_VERSION + 1);
        assertThatThrownBy(() -> UserStateSerializer.fromBytes(bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("newer");
    }

    @Test
    void rejectsCorruptInputWithAnIoException() {
        byte[] zeroLevels = {2, 0, 32};
        assertThatThrownBy(() -> UserStateSerializer.fromBytes(zeroLevels))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt");
        byte[] truncated = UserStateSerializer.toBytes(fullUser(model, new Random(55), 100));
        byte[] half = java.util.Arrays.copyOf(truncated, truncated.length / 2);
        assertThatThrownBy(() -> UserStateSerializer.fromBytes(half))
                .isInstanceOf(IOException.class);
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeByte(utf8.length);
        out.write(utf8);
    }

    /** Unsigned LEB128, written independently of the serializer under test. */
    private static void varint(DataOutputStream out, long value) throws IOException {
        long v = value;
        while (v >= 0x80) {
            out.writeByte((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }
}
