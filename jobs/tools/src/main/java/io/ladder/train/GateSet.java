package io.ladder.train;

/**
 * The held-out pairs of a training run in a form any tower can be scored on: per pair the item id,
 * its window category and the label, and per user the items of its training part. Users are not
 * published, so a tower is scored through an item-based user profile (the per-level normalised sum
 * of the vectors of the user's training items under that same tower), the same way for the tower
 * just trained and the previous one: the gate compares towers, not user vectors.
 */
final class GateSet {
    static final GateSet EMPTY =
            new GateSet(
                    new int[1],
                    new String[0],
                    new String[0],
                    new int[0],
                    new String[0],
                    new String[0],
                    new byte[0]);

    /** Profile items of user u: {@code profileItem[userStart[u] .. userStart[u+1])}. */
    final int[] userStart;

    final String[] profileItem;
    final String[] profileCategory;
    final int[] pairUser;
    final String[] pairItem;
    final String[] pairCategory;
    final byte[] label;

    private GateSet(
            int[] userStart,
            String[] profileItem,
            String[] profileCategory,
            int[] pairUser,
            String[] pairItem,
            String[] pairCategory,
            byte[] label) {
        this.userStart = userStart;
        this.profileItem = profileItem;
        this.profileCategory = profileCategory;
        this.pairUser = pairUser;
        this.pairItem = pairItem;
        this.pairCategory = pairCategory;
        this.label = label;
    }

    static GateSet of(TrainingWindow w, HeldOutSet heldOut) {
        int users = w.users.size();
        int[] start = new int[users + 1];
        for (int p = 0; p < w.trainPairs(); p++) {
            start[w.trainUser[p] + 1]++; // pairs are sorted by user
        }
        for (int u = 0; u < users; u++) {
            start[u + 1] += start[u];
        }
        String[] items = new String[w.trainPairs()];
        String[] categories = new String[w.trainPairs()];
        for (int p = 0; p < w.trainPairs(); p++) {
            items[p] = w.items.name(w.trainItem[p]);
            categories[p] = w.windowItemCategory.get(items[p]);
        }
        String[] pairCategory = new String[heldOut.size()];
        for (int p = 0; p < pairCategory.length; p++) {
            pairCategory[p] = w.windowItemCategory.get(heldOut.itemId[p]);
        }
        return new GateSet(
                start,
                items,
                categories,
                heldOut.user.clone(),
                heldOut.itemId.clone(),
                pairCategory,
                heldOut.label.clone());
    }

    int size() {
        return label.length;
    }
}
