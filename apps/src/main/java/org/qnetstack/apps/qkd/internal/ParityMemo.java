package org.qnetstack.apps.qkd.internal;

/**
 * Alice's disclosed parities of one pass, keyed by block range, in an open-addressing table. A
 * {@code HashMap<Long, Boolean>} was the first choice and the profile's top entry: Long's hash of
 * (from &lt;&lt; 32 | to) is from ^ to, which collides for every nested block sharing a start.
 */
final class ParityMemo {
    private static final byte EMPTY = 0;
    private static final byte ZERO = 1;
    private static final byte ONE = 2;

    private long[] keys = new long[1024];
    private byte[] values = new byte[1024];
    private int size;

    /** 0 or 1, or −1 if Alice has not disclosed this range's parity. */
    int get(int from, int to) {
        long key = key(from, to);
        int mask = keys.length - 1;
        for (int slot = slot(key, mask); values[slot] != EMPTY; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return values[slot] == ONE ? 1 : 0;
            }
        }
        return -1;
    }

    void put(int from, int to, boolean parity) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(key(from, to), parity ? ONE : ZERO);
    }

    private void insert(long key, byte value) {
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        while (values[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (values[slot] == EMPTY) {
            size++;
        }
        keys[slot] = key;
        values[slot] = value;
    }

    private void grow() {
        long[] oldKeys = keys;
        byte[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new byte[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != EMPTY) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static long key(int from, int to) {
        return (long) from << 32 | to;
    }

    /** Fibonacci hashing: the multiply spreads both halves of the key over the high bits. */
    private static int slot(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }
}
