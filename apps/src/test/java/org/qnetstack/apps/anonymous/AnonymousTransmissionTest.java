package org.qnetstack.apps.anonymous;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.apps.blind.Blindness;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;

class AnonymousTransmissionTest {
    /**
     * Generic nodes in a star around the first: Werner pairs of F = 0.8 (every other attempt succeeds, to keep the
     * test fast), memories that do not decay, no gate noise.
     */
    static PlatformSpec genericStar(String... names) {
        StringBuilder yaml = new StringBuilder("seed: 5\nnodes:\n");
        for (String name : names) {
            yaml.append("  - { name: ").append(name).append(", device: { preset: generic, communicationT1: inf, "
                    + "communicationT2: inf, linkSuccessProbability: 0.5 } }\n");
        }
        yaml.append("links:\n");
        for (int i = 1; i < names.length; i++) {
            yaml.append("  - { between: [").append(names[0]).append(", ").append(names[i]).append("], lengthKm: 1 }\n");
        }
        return NetworkConfig.parse(yaml.toString());
    }

    /** Who sent which bit in each round, and what every node saw. */
    record Runs(int[] sender, int[] bit, List<List<AnonymousTransmission.Round>> seen) {
        int nodes() {
            return seen.size();
        }
    }

    /** {@code rounds} rounds, each with a sender and a bit drawn from {@code schedule}. */
    static Runs run(PlatformSpec spec, int rounds, long schedule) {
        List<String> names = spec.nodes().stream().map(NodeSpec::name).toList();
        SplittableRandom random = new SplittableRandom(schedule);
        int[] sender = new int[rounds];
        int[] bit = new int[rounds];
        for (int r = 0; r < rounds; r++) {
            sender[r] = random.nextInt(names.size());
            bit[r] = random.nextInt(2);
        }
        @SuppressWarnings("unchecked")
        List<AnonymousTransmission.Round>[] seen = new List[names.size()];
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            for (int j = 0; j < names.size(); j++) {
                int me = j;
                net.run(names.get(j), n -> seen[me] = AnonymousTransmission.participate(n, names, rounds, 0.5,
                        r -> sender[r] == me ? bit[r] : null));
            }
            net.awaitCompletion();
        }
        return new Runs(sender, bit, List.of(seen));
    }

    /** Every node sees the same announcements and so receives the same bit. */
    private static void assertAllAgree(Runs runs) {
        for (int r = 0; r < runs.sender().length; r++) {
            for (int j = 1; j < runs.nodes(); j++) {
                assertArrayEquals(runs.seen().get(0).get(r).announced(), runs.seen().get(j).get(r).announced(),
                        "round " + r + ", node " + j);
            }
        }
    }

    /** Four nodes: the GHZ state is fused from three pairs, and the parity is right at (1 + w³)/2. */
    @Test
    void fourNodes() {
        Runs runs = run(genericStar("alice", "bob", "carol", "dave"), 30, 4);
        assertAllAgree(runs);
        assertEquals(0.5 + Math.pow((4 * 0.8 - 1) / 3, 3) / 2,
                AnonymousTransmission.predictedSuccess(runs.seen().get(0).get(0).pairFidelities()), 1e-9);
    }

    @Test
    void onTheIdealNetworkEveryBitArrives() {
        Runs runs = run(NetworkConfig.withSeed(NetworkConfig.fromResource("networks/three-nodes-ideal.yaml"), 3), 60,
                1);
        assertAllAgree(runs);
        for (int r = 0; r < runs.sender().length; r++) {
            assertEquals(runs.bit()[r], runs.seen().get(1).get(r).parity(), "round " + r);
            assertEquals(1, AnonymousTransmission.predictedSuccess(runs.seen().get(0).get(r).pairFidelities()),
                    1e-12);
        }
    }

    /**
     * Over Werner pairs of F = 0.8 the parity is right at (1 + w²)/2 = 0.769 for three nodes; the measured rate is
     * within 4 standard deviations of the binomial count of the prediction from the pairs' reported fidelities.
     */
    @Test
    void overWernerPairsTheRateIsThePredictedOne() {
        Runs runs = run(genericStar("alice", "bob", "carol"), 600, 2);
        assertAllAgree(runs);
        int rounds = runs.sender().length;
        double predicted = runs.seen().get(0).stream()
                .mapToDouble(r -> AnonymousTransmission.predictedSuccess(r.pairFidelities())).average().orElseThrow();
        long right = 0;
        for (int r = 0; r < rounds; r++) {
            right += runs.seen().get(2).get(r).parity() == runs.bit()[r] ? 1 : 0;
        }
        double sigma = Math.sqrt(predicted * (1 - predicted) / rounds);
        double measured = (double) right / rounds;
        assertEquals(0.5 + Math.pow((4 * 0.8 - 1) / 3, 2) / 2, predicted, 1e-9);
        assertTrue(Math.abs(measured - predicted) <= 4 * sigma, measured + " vs " + predicted + " ± " + sigma);
    }

    /**
     * Anonymity: the announcements' distribution does not depend on who sent. Pearson's χ² test of homogeneity of
     * the announced strings (2^n values) between the rounds of each sender, at a significance of 10⁻³ for a false
     * alarm; and each node's outcome is a fair coin whoever sends, within 4 standard deviations of one half.
     */
    @Test
    void theAnnouncementsDoNotRevealTheSender() {
        Runs runs = run(NetworkConfig.withSeed(NetworkConfig.fromResource("networks/three-nodes-ideal.yaml"), 4), 900,
                3);
        int n = runs.nodes();
        long[][] strings = new long[n][1 << n];
        long[][] ones = new long[n][n];
        long[] sent = new long[n];
        for (int r = 0; r < runs.sender().length; r++) {
            int[] a = runs.seen().get(0).get(r).announced();
            int string = 0;
            for (int j = 0; j < n; j++) {
                string = 2 * string + a[j];
                ones[runs.sender()[r]][j] += a[j];
            }
            strings[runs.sender()[r]][string]++;
            sent[runs.sender()[r]]++;
        }
        double p = Blindness.homogeneity(strings);
        assertTrue(p > 1e-3, "p = " + p);
        for (int s = 0; s < n; s++) {
            double sigma = Math.sqrt(0.25 / sent[s]);
            for (int j = 0; j < n; j++) {
                double rate = (double) ones[s][j] / sent[s];
                assertTrue(Math.abs(rate - 0.5) <= 4 * sigma, "sender " + s + ", node " + j + ": " + rate);
            }
        }
    }

    @Test
    void fewerThanThreeParticipantsIsRefused() {
        PlatformSpec spec = NetworkConfig.fromResource("networks/two-nodes-ideal.yaml");
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            Throwable[] thrown = new Throwable[1];
            net.run("alice", n -> {
                thrown[0] = assertThrows(IllegalArgumentException.class, () -> AnonymousTransmission.participate(n,
                        List.of("alice", "bob"), 1, 0.5, r -> null));
            });
            net.awaitCompletion();
            assertTrue(thrown[0].getMessage().contains("three"), thrown[0].getMessage());
        }
    }
}
