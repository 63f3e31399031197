package org.qnetstack.apps.blind;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.apps.stages.TestNetworks;
import org.qnetstack.hal.PlatformSpec;

class BlindComputationTest {
    /** A p-value below this would reject independence; with 6 views tested, a false alarm has odds < 1%. */
    static final double SIGNIFICANCE = 1e-3;

    record Runs(List<BlindComputation.ClientRun> client, List<BlindComputation.ServerView> server) {
    }

    static Runs run(PlatformSpec spec, int runs) {
        Object[] out = new Object[2];
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.run("alice", n -> out[0] = BlindComputation.client(n, "bob", runs, 0.5));
            net.run("bob", n -> out[1] = BlindComputation.server(n, "alice", runs));
            net.awaitCompletion();
        }
        @SuppressWarnings("unchecked")
        Runs r = new Runs((List<BlindComputation.ClientRun>) out[0], (List<BlindComputation.ServerView>) out[1]);
        return r;
    }

    @Test
    void onNoiselessDevicesEveryOutputIsRightAndEveryTrapPasses() {
        Runs r = run(NetworkConfig.withSeed(NetworkConfig.fromResource("networks/two-nodes-ideal.yaml"), 3), 200);
        assertTrue(r.client().stream().anyMatch(BlindComputation.ClientRun::test));
        assertTrue(r.client().stream().filter(c -> !c.test()).allMatch(BlindComputation.ClientRun::correct));
        assertTrue(r.client().stream().allMatch(BlindComputation.ClientRun::trapsPassed));
    }

    /**
     * Over Werner pairs of fidelity 0.8 (the generic link, memories without decay) the outputs are right and the
     * traps pass at the rates the pairs' reported fidelities predict, within 4 standard deviations of the
     * binomial count; and the server's view is independent of the client's input, while the unpadded first angle
     * (what the server would see without θ) depends on it — so the test can tell.
     */
    @Test
    void noisyRunsMatchThePredictionAndTheServerLearnsNothing() {
        PlatformSpec spec = TestNetworks.withDevice(NetworkConfig.withSeed(
                NetworkConfig.fromResource("networks/two-nodes-generic.yaml"), 11), Map.of("communicationT2", "inf",
                "communicationT1", "inf", "storageT1", "inf", "storageT2", "inf"));
        Runs r = run(spec, 1200);
        assertRate(r.client().stream().filter(c -> !c.test()).toList(), BlindComputation.ClientRun::correct);
        assertRate(r.client().stream().filter(BlindComputation.ClientRun::test).toList(),
                BlindComputation.ClientRun::trapsPassed);
        for (int j = 0; j < BlindComputation.QUBITS; j++) {
            int q = j;
            assertIndependent(r, v -> v.angles()[q], 8);
            assertIndependent(r, v -> v.outcomes()[q], 2);
        }
        long[][] unpadded = new long[2][8];
        r.client().stream().filter(c -> !c.test()).forEach(c ->
                unpadded[c.input()][(int) Math.round(c.unblindedFirstAngle() / (Math.PI / 4))]++);
        assertTrue(Blindness.homogeneity(unpadded) < 1e-6);
    }

    private static void assertIndependent(Runs r, ToIntFunction<BlindComputation.ServerView> view, int values) {
        double p = Blindness.pValue(r.client(), r.server(), view, values);
        assertTrue(p > SIGNIFICANCE, "p = " + p);
    }

    private static void assertRate(List<BlindComputation.ClientRun> runs,
                                   java.util.function.Predicate<BlindComputation.ClientRun> success) {
        double predicted = runs.stream().mapToDouble(BlindComputation.ClientRun::predictedSuccess).average()
                .orElseThrow();
        long hits = runs.stream().filter(success).count();
        double sigma = Math.sqrt(predicted * (1 - predicted) / runs.size());
        double measured = (double) hits / runs.size();
        assertTrue(Math.abs(measured - predicted) <= 4 * sigma, measured + " vs " + predicted + " ± " + sigma);
        assertTrue(predicted < 0.95, "the noise must show: predicted " + predicted);
    }
}
