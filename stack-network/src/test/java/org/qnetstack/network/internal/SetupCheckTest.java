package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The setup check every node of a path runs: no node twice, none missing, one fidelity per hop. */
class SetupCheckTest {
    private static CircuitMessages.Setup setup(List<String> path) {
        return new CircuitMessages.Setup("c", 1, path, 1, Collections.nCopies(Math.max(0, path.size() - 1), 0.9),
                null, 0);
    }

    private static List<String> chain(int n) {
        List<String> path = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            path.add("n" + i);
        }
        return path;
    }

    @Test
    void distinctPathsOfEverySizePassAndAnyRepeatFails() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n : new int[] {2, 3, 5, 17, 100, 1000, 4096}) {
            List<String> path = chain(n);
            assertTrue(setup(path).wellFormed(), n + " distinct names");
            for (int trial = 0; trial < 20; trial++) {
                List<String> repeated = new ArrayList<>(path);
                int i = random.nextInt(n);
                int j = random.nextInt(n);
                if (i == j) {
                    continue;
                }
                repeated.set(j, new String(path.get(i))); // an equal name, not the same object
                assertFalse(setup(repeated).wellFormed(), n + " names, " + path.get(i) + " twice");
            }
        }
    }

    @Test
    void malformedSetupsFail() {
        assertFalse(setup(List.of("a")).wellFormed(), "one node");
        assertFalse(setup(Arrays.asList("a", null, "b")).wellFormed(), "a missing name");
        assertFalse(new CircuitMessages.Setup("c", 1, List.of("a", "b", "c"), 1, List.of(0.9), null, 0).wellFormed(),
                "one fidelity for two hops");
        assertFalse(new CircuitMessages.Setup("c", 1, List.of("a", "b"), 1, List.of(0.9), null, -1).wellFormed(),
                "negative cutoff");
        // Names whose hash codes collide ("Aa" and "BB") are still told apart.
        assertTrue(setup(List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa")).wellFormed());
        assertFalse(setup(List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BB")).wellFormed());
    }
}
