package org.qnetstack.sim.internal;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent, reproducible random streams derived from one seed and a stream name, so adding a
 * component (a new stream) does not shift the numbers any other component draws.
 */
public final class RandomStreams {
    private RandomStreams() {
    }

    public static RandomGenerator derive(long seed, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the name's bytes: stable across JVMs
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        long s = seed ^ h;
        long[] state = {splitMix(s), splitMix(s + 0x9e3779b97f4a7c15L)};
        UniformRandomProvider provider = RandomSource.XO_RO_SHI_RO_128_PP.create(state);
        return provider::nextLong;
    }

    private static long splitMix(long x) {
        long z = x + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
