package io.ladder.train;

/**
 * One epoch's training examples in the order they are trained: the positives and their sampled
 * negatives, shuffled.
 *
 * @param user user row
 * @param item item row
 * @param label training label 0..T (0 = sampled negative)
 * @param dropId whether the example sees its item through the category only
 */
record Examples(int[] user, int[] item, byte[] label, boolean[] dropId) {
    int size() {
        return user.length;
    }
}
