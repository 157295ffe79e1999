package org.ledrl.policy.mappo;

/**
 * The (agent, node) outcome histories of a {@link RecentActivity}: per pair, a success rate and a decayed task count,
 * in an open-addressing table of primitive keys. A lookup allocates nothing; the {@code HashMap<Long, double[]>}
 * before boxed a key for every lookup, several per decision. At most {@code capacity} pairs. The table starts small
 * and doubles when half full, so that probes stay short and an idle record stays a few kilobytes. Not thread-safe:
 * its owner locks.
 */
final class PairHistories {

    private static final int FIRST_SLOTS = 256;

    private final int capacity;
    private int shift;
    private long[] keys;
    private boolean[] used;
    private double[] success;
    private double[] count;
    /** The used slots in the order they were taken, so that clearing costs the pairs kept, not the table. */
    private int[] usedSlots;
    private int size;

    PairHistories(int capacity) {
        this.capacity = capacity;
        allocate(FIRST_SLOTS);
    }

    /** The slot of {@code key}, or -1 when the pair has no history. */
    int find(long key) {
        int mask = keys.length - 1;
        for (int slot = home(key); used[slot]; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return slot;
            }
        }
        return -1;
    }

    /**
     * The slot of {@code key}, with a fresh history (success 0.5, no tasks) if it had none; -1 when it had none and
     * {@code capacity} pairs are kept already.
     */
    int findOrAdd(long key) {
        int slot = find(key);
        if (slot >= 0) {
            return slot;
        }
        if (size >= capacity) {
            return -1;
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        return put(key, 0.5, 0);
    }

    double success(int slot) {
        return success[slot];
    }

    double count(int slot) {
        return count[slot];
    }

    /** Folds one outcome into the history in {@code slot}, the newest weighing {@code weight}. */
    void record(int slot, boolean succeeded, double weight) {
        success[slot] += weight * ((succeeded ? 1 : 0) - success[slot]);
        count[slot] = (1 - weight) * count[slot] + 1;
    }

    int size() {
        return size;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            used[usedSlots[i]] = false;
        }
        size = 0;
    }

    /** Slots in the table now (a power of two, at most about twice {@code capacity}). */
    int slots() {
        return keys.length;
    }

    /** The key's home slot: its top bits ({@link RecentActivity#pair} has spread the pair over all 64). */
    int home(long key) {
        return (int) (key >>> shift);
    }

    private int put(long key, double successRate, double tasks) {
        int mask = keys.length - 1;
        int slot = home(key);
        while (used[slot]) {
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        keys[slot] = key;
        success[slot] = successRate;
        count[slot] = tasks;
        usedSlots[size++] = slot;
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        double[] oldSuccess = success;
        double[] oldCount = count;
        int[] oldUsed = usedSlots;
        int kept = size;
        allocate(2 * keys.length);
        for (int i = 0; i < kept; i++) {
            int slot = oldUsed[i];
            put(oldKeys[slot], oldSuccess[slot], oldCount[slot]);
        }
    }

    private void allocate(int slots) {
        shift = 64 - Integer.numberOfTrailingZeros(slots);
        keys = new long[slots];
        used = new boolean[slots];
        success = new double[slots];
        count = new double[slots];
        usedSlots = new int[slots / 2];
        size = 0;
    }
}
