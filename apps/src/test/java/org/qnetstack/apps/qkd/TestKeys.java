package org.qnetstack.apps.qkd;

import java.util.SplittableRandom;

/** Key pairs with independent bit errors, as a binary symmetric channel would leave them. */
final class TestKeys {
    private TestKeys() {
    }

    /** Alice's uniformly random key and Bob's copy with each bit flipped with probability {@code qber}. */
    static BitString[] pair(int length, double qber, SplittableRandom random) {
        BitString alice = BitString.random(length, random);
        return new BitString[] {alice, noisy(alice, qber, random)};
    }

    static BitString noisy(BitString key, double qber, SplittableRandom random) {
        return key.xor(BitString.generate(key.length(), i -> random.nextDouble() < qber));
    }
}
