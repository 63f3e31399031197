package org.qnetstack.examples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.Qubit;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.Teleport;
import org.qnetstack.hal.GroundTruth;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QubitAddress;

/**
 * Teleports uniformly random single-qubit states over kept pairs, between the ends of a link or of a
 * repeater chain, and reports the mean fidelity of what arrives (read from the simulator's true state)
 * beside the pairs' true fidelity, the model's pair fidelity (the heralded state; across repeaters the
 * swap formula, w = w₁·w₂ for Werner links), the textbook (2F+1)/3 at each of them, and the prediction that
 * also counts the end devices' gate and readout errors.
 */
public final class TeleportExample {
    public static final int DEFAULT_TRIALS = 100;
    public static final double MIN_FIDELITY = 0.85;

    /**
     * The figures of one run: {@code predictedFidelity} is (2F+1)/3 at the pairs' true mean fidelity F,
     * {@code predictedFromModel} at the model's F ({@code pairFidelityModel}).
     */
    public record Result(long seed, String path, int trials, double meanFidelity, double meanFidelityHalfWidth,
                         double pairFidelity, double pairFidelityModel, double predictedFidelity,
                         double predictedFromModel, double predictedWithDeviceNoise, double classicalLimit,
                         double simulatedSeconds, double wallSeconds) {
    }

    private TeleportExample() {
    }

    public static Result run(ExampleOptions options) {
        ExampleOptions.Setup setup = options.setupEndToEnd(DEFAULT_TRIALS, MIN_FIDELITY);
        PlatformSpec spec = setup.spec();
        String alice = setup.alice();
        String bob = setup.bob();
        int trials = setup.count();
        List<double[]> states = Collections.synchronizedList(new ArrayList<>());
        List<double[]> pairCoefficients = Collections.synchronizedList(new ArrayList<>());
        double[] fidelities = new double[trials];
        try (SimulatedNetwork net = SimulatedNetwork.of(spec);
             Progress.Task progress = Progress.start("teleport: trials", trials)) {
            GroundTruth truth = net.groundTruth();
            net.run(alice, node -> {
                EprSocket socket = options.ask(node.eprSocket(bob), setup.minFidelity());
                for (int t = 0; t < trials; t++) {
                    EprPair pair = socket.createKeep().block();
                    pairCoefficients.add(coefficients(truth, pair));
                    double theta = Math.acos(1 - 2 * node.random().nextDouble());
                    double phi = 2 * Math.PI * node.random().nextDouble();
                    states.add(new double[] {Math.cos(theta / 2), 0, Math.sin(theta / 2) * Math.cos(phi),
                            Math.sin(theta / 2) * Math.sin(phi)});
                    Qubit q = node.qubit().rotY(theta).rotZ(phi);
                    Teleport.send(node, q, pair);
                }
            });
            net.run(bob, node -> {
                EprSocket socket = node.eprSocket(alice);
                for (int t = 0; t < trials; t++) {
                    EprPair pair = socket.recvKeep().block();
                    Qubit q = Teleport.receive(node, pair);
                    fidelities[t] = truth.fidelity(q.address(), states.get(t));
                    q.release();
                    progress.step();
                }
            });
            net.awaitCompletion();

            double[] mean = Statistics.meanWithHalfWidth(fidelities);
            double[] c = new double[4];
            for (double[] pc : pairCoefficients) {
                for (int k = 0; k < 4; k++) {
                    c[k] += pc[k] / trials;
                }
            }
            double model = Predictions.bellWeight(setup.predictedState(net), 2);
            return new Result(spec.seed(), String.join("-", setup.path()), trials, mean[0], mean[1], c[0], model,
                    Predictions.teleportFromPairFidelity(c[0]), Predictions.teleportFromPairFidelity(model),
                    Predictions.teleportWithDeviceNoise(c, Predictions.device(spec.node(alice).orElseThrow()),
                            Predictions.device(spec.node(bob).orElseThrow())),
                    2.0 / 3, net.nanos() / 1e9, setup.wallSeconds());
        }
    }

    /** The pair's true Bell coefficients relative to its reported Bell index (entry 0 is its fidelity). */
    public static double[] coefficients(GroundTruth truth, EprPair pair) {
        QubitAddress mine = pair.qubit().address();
        // Across repeaters the swaps' measured qubits have left the state: the partner is the other end's.
        QubitAddress theirs = truth.partners(mine).stream().filter(q -> q.node().equals(pair.remoteNode()))
                .findFirst().orElseThrow();
        double[] c = new double[4];
        for (int k = 0; k < 4; k++) {
            c[k] = truth.bellFidelity(mine, theirs, pair.bellIndex() ^ k);
        }
        return c;
    }
}
