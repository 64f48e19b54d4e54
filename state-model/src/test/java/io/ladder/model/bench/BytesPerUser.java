package io.ladder.model.bench;

import io.ladder.model.UserModel;
import io.ladder.model.UserModelConfig;
import io.ladder.model.UserState;
import io.ladder.model.UserStateSerializer;

/**
 * Prints the serialized size of a user at the defaults with every bound reached (K interests, 50
 * recent items, 50 purchased items, seven-digit item ids) as {@code bytes_per_user=N interests=K
 * recent=R purchased=P}. Used by scripts/bench-model.
 */
public final class BytesPerUser {
    private BytesPerUser() {}

    public static void main(String[] args) {
        UserModelConfig config = UserModelConfig.defaults();
        UserModel model = SyntheticUsers.model(config);
        UserState s =
                new SyntheticUsers(config, 4096, 16, 42).user(model, 8192, 1_767_225_600_000L);
        int bytes = UserStateSerializer.toBytes(s).length;
        System.out.println(
                "bytes_per_user="
                        + bytes
                        + " interests="
                        + s.interests().size()
                        + " recent="
                        + s.recentItemCount()
                        + " purchased="
                        + s.purchasedItemCount());
    }
}
