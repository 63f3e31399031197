package org.qnetstack.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.ConfigurationException;

class PreSharedKeysTest {
    @Test
    void aPairIsTheSameInEitherOrderAndEveryPairGetsItsOwnDerivedKey() {
        assertEquals(NodePair.of("bob", "alice"), NodePair.of("alice", "bob"));
        PreSharedKeys keys = PreSharedKeys.derivedFromSeed(42, List.of("alice", "bob", "carol"));
        assertEquals(3, keys.keys().size());
        assertArrayEquals(keys.key("alice", "bob").orElseThrow(), keys.key("bob", "alice").orElseThrow());
        assertEquals(32, keys.key("alice", "bob").orElseThrow().length);
        assertFalse(java.util.Arrays.equals(keys.key("alice", "bob").orElseThrow(), keys.key("alice", "carol").orElseThrow()));
        assertEquals(keys, PreSharedKeys.derivedFromSeed(42, List.of("carol", "bob", "alice")), "deterministic");
        assertNotEquals(keys, PreSharedKeys.derivedFromSeed(43, List.of("alice", "bob", "carol")));
        assertTrue(keys.key("alice", "alice").isEmpty());
        assertTrue(keys.key("alice", "dave").isEmpty());
    }

    @Test
    void derivedKeysCostNothingUntilAPairAsksForTheirs() {
        List<String> names = java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "n" + i).toList();
        PreSharedKeys keys = PreSharedKeys.derivedFromSeed(7, names);
        byte[] key = keys.key("n9999", "n17").orElseThrow();
        assertEquals(32, key.length);
        // A pair's key depends on the seed and the pair only, not on the other nodes.
        assertArrayEquals(key, PreSharedKeys.derivedFromSeed(7, List.of("n17", "n9999")).key("n17", "n9999").orElseThrow());
        assertTrue(keys.key("n1", "stranger").isEmpty());
        assertEquals("PreSharedKeys[derived for every pair of 10000 nodes] (keys hidden)", keys.toString());
        PreSharedKeys more = keys.with("n1", "stranger", new byte[16]);
        assertEquals(16, more.key("stranger", "n1").orElseThrow().length);
        assertArrayEquals(key, more.key("n17", "n9999").orElseThrow(), "derivation kept");
    }

    @Test
    void keysAreCopiedAndNeverPrinted() {
        byte[] key = new byte[16];
        PreSharedKeys keys = new PreSharedKeys(Map.of(NodePair.of("a", "b"), key));
        key[0] = 1;
        assertEquals(0, keys.key("a", "b").orElseThrow()[0], "copied in");
        keys.key("a", "b").orElseThrow()[0] = 1;
        keys.keys().get(NodePair.of("a", "b"))[0] = 1;
        assertEquals(0, keys.key("a", "b").orElseThrow()[0], "copied out");
        assertEquals("PreSharedKeys[a|b] (keys hidden)", keys.toString());
    }

    @Test
    void badKeysAndPairsAreRefusedNamingTheField() {
        ConfigurationException shortKey = assertThrows(ConfigurationException.class,
                () -> PreSharedKeys.none().with("bob", "alice", new byte[15]));
        assertEquals("keys[alice|bob]", shortKey.path());
        assertTrue(shortKey.reason().contains("15 bytes is too short: at least 16"), shortKey.reason());
        assertEquals("second", assertThrows(ConfigurationException.class, () -> NodePair.of("a", "a")).path());
        assertEquals("first", assertThrows(ConfigurationException.class, () -> NodePair.of(" ", "a")).path());
        assertEquals("window", assertThrows(ConfigurationException.class,
                () -> TransportSettings.DEFAULT.withWindow(0)).path());
        assertEquals("giveUpNanos", assertThrows(ConfigurationException.class,
                () -> TransportSettings.DEFAULT.withGiveUpNanos(0)).path());
    }
}
