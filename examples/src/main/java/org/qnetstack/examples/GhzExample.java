package org.qnetstack.examples;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qnetstack.api.Basis;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.Node;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.hal.GroundTruth;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QubitAddress;

/**
 * A GHZ state (|000⟩+|111⟩)/√2 across three end nodes, built from two Bell pairs: the hub holds a Φ+ with
 * each of the two others, applies CNOT from the first half to the second, measures the second and sends
 * the bit to the node that shares it, which corrects with X. The fidelity of each GHZ state is read from
 * the simulator's true three-qubit state, beside the product of the two pairs' true fidelities just before
 * the CNOT: what perfect gates would make of them (a Pauli error on either pair takes the state to an
 * orthogonal GHZ-basis state), so the gap between the two is the hub's gate and readout noise. The pairs'
 * fidelity at that moment already carries the decay of the first pair while the second was made.
 */
public final class GhzExample {
    public static final int DEFAULT_TRIALS = 50;
    public static final double MIN_FIDELITY = 0.85;
    public static final String DEFAULT_CONFIG = "classpath:networks/three-nodes-ideal.yaml";
    private static final String HELD = "held";

    /**
     * The figures: mean GHZ fidelity with its 95% half-width, the pairs' mean true fidelities just before the
     * CNOT, and the mean of their product ({@code predictedFromPairs}).
     */
    public record Result(long seed, int trials, String nodes, double meanFidelity, double meanFidelityHalfWidth,
                         double pairFidelityHubB, double pairFidelityHubC, double predictedFromPairs,
                         double simulatedSeconds, double wallSeconds) {
    }

    private GhzExample() {
    }

    public static Result run(ExampleOptions options) {
        ExampleOptions.Setup setup = options.orConfig(DEFAULT_CONFIG).setup(DEFAULT_TRIALS, MIN_FIDELITY);
        PlatformSpec spec = setup.spec();
        if (spec.links().size() < 2 || !spec.links().get(0).nodeA().equals(spec.links().get(1).nodeA())) {
            throw new IllegalArgumentException("the ghz example needs a hub: two links from one node (the first node "
                    + "of the first two links)");
        }
        String hub = spec.links().get(0).nodeA();
        String b = spec.links().get(0).nodeB();
        String c = spec.links().get(1).nodeB();
        int trials = setup.count();
        double[] fidelities = new double[trials];
        double[][] pairs = new double[3][trials]; // F(hub–b), F(hub–c), their product
        // Where each trial's three qubits are, for reading the true state (all in this process).
        Map<String, QubitAddress> qubits = new ConcurrentHashMap<>();
        try (SimulatedNetwork net = SimulatedNetwork.of(spec);
             Progress.Task progress = Progress.start("ghz: states", trials)) {
            GroundTruth truth = net.groundTruth();
            net.run(hub, node -> {
                for (int t = 0; t < trials; t++) {
                    EprPair withB = node.eprSocket(b).minFidelity(setup.minFidelity()).phiPlus().createKeep().block();
                    EprPair withC = node.eprSocket(c).minFidelity(setup.minFidelity()).phiPlus().createKeep().block();
                    // Both ends hold their halves, Φ+-corrected, before the fusion: the pairs' truth can be read.
                    awaitHeld(node, b);
                    awaitHeld(node, c);
                    pairs[0][t] = pairFidelity(truth, withB);
                    pairs[1][t] = pairFidelity(truth, withC);
                    pairs[2][t] = pairs[0][t] * pairs[1][t];
                    withB.qubit().cnot(withC.qubit());
                    int m = withC.qubit().measure(Basis.Z).block();
                    qubits.put("hub", withB.qubit().address());
                    node.classicalSocket(c).send(m).block();
                    awaitDone(node, c);
                    withB.qubit().release();
                }
            });
            net.run(b, node -> {
                for (int t = 0; t < trials; t++) {
                    EprPair pair = node.eprSocket(hub).phiPlus().recvKeep().block();
                    qubits.put("b", pair.qubit().address());
                    node.classicalSocket(hub).send(HELD).block();
                    awaitDone(node, c);
                    pair.qubit().release();
                }
            });
            net.run(c, node -> {
                for (int t = 0; t < trials; t++) {
                    EprPair pair = node.eprSocket(hub).phiPlus().recvKeep().block();
                    node.classicalSocket(hub).send(HELD).block();
                    if (node.classicalSocket(hub).recv(Integer.class).block() == 1) {
                        pair.qubit().x();
                    }
                    fidelities[t] = ghzFidelity(truth.densityMatrix(qubits.get("hub"), qubits.get("b"),
                            pair.qubit().address()));
                    pair.qubit().release();
                    progress.step();
                    node.classicalSocket(hub).send("done").block();
                    node.classicalSocket(b).send("done").block();
                }
            });
            net.awaitCompletion();
            double[] mean = Statistics.meanWithHalfWidth(fidelities);
            return new Result(spec.seed(), trials, String.join(",", List.of(hub, b, c)), mean[0], mean[1],
                    Statistics.meanWithHalfWidth(pairs[0])[0], Statistics.meanWithHalfWidth(pairs[1])[0],
                    Statistics.meanWithHalfWidth(pairs[2])[0], net.nanos() / 1e9, setup.wallSeconds());
        }
    }

    /** The true fidelity of a pair to Φ+ once its other end has corrected it, that half found at the remote node. */
    private static double pairFidelity(GroundTruth truth, EprPair pair) {
        QubitAddress mine = pair.qubit().address();
        QubitAddress theirs = truth.partners(mine).stream().filter(q -> q.node().equals(pair.remoteNode()))
                .findFirst().orElseThrow();
        return truth.bellFidelity(mine, theirs, 0);
    }

    private static void awaitHeld(Node node, String from) {
        String m = node.classicalSocket(from).recv(String.class).block();
        if (!HELD.equals(m)) {
            throw new IllegalStateException(from + " sent '" + m + "' where it should confirm its half");
        }
    }

    private static void awaitDone(Node node, String from) {
        node.classicalSocket(from).recv(String.class).block();
    }

    /** ⟨GHZ|ρ|GHZ⟩ = (ρ₀₀₀,₀₀₀ + ρ₁₁₁,₁₁₁ + 2 Re ρ₀₀₀,₁₁₁) / 2 for an 8×8 ρ, re/im interleaved. */
    static double ghzFidelity(double[] rho) {
        int dim = 8;
        return (rho[0] + rho[2 * (7 * dim + 7)] + 2 * rho[2 * 7]) / 2;
    }
}
