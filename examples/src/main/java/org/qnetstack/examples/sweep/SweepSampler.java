package org.qnetstack.examples.sweep;

import org.qnetstack.api.EprPair;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.examples.Statistics;
import org.qnetstack.examples.TeleportExample;
import org.qnetstack.hal.GroundTruth;

/**
 * Measures one point of the length sweep on the simulator, to set beside the link model's figures: kept
 * pairs asked for at the sweep's minimum fidelity, each pair's true fidelity read when it is delivered, and
 * the link's attempts counted. The success probability per attempt is pairs/attempts with its binomial
 * standard error √(p(1 − p)/attempts); the fidelity is the pairs' mean with its standard error.
 */
final class SweepSampler {
    /** A point is not sampled when it would take more attempts than this (seconds of wall time each). */
    static final long MAX_EXPECTED_ATTEMPTS = 3_000_000;

    private static final String READ = "read";

    private SweepSampler() {
    }

    /** What was measured at one point. */
    record Sample(int pairs, long attempts, double successProbability, double successProbabilitySigma,
                  double fidelity, double fidelitySigma) {
    }

    /** Whether sampling {@code pairs} pairs at success probability p per attempt stays under the cap. */
    static boolean affordable(int pairs, double p) {
        return p > 0 && pairs / p <= MAX_EXPECTED_ATTEMPTS;
    }

    /** {@code pairs} kept pairs between alice and bob of {@code net} at the minimum fidelity asked for. */
    static Sample sample(SimulatedNetwork net, int pairs, double minFidelity) {
        double[] fidelities = new double[pairs];
        GroundTruth truth = net.groundTruth();
        // Bob reads each pair's fidelity when it reaches him, while Alice still holds her half; she lets it go
        // when he says so.
        net.run(Sweep.ALICE, node -> {
            EprSocket socket = node.eprSocket(Sweep.BOB).minFidelity(minFidelity);
            for (int i = 0; i < pairs; i++) {
                EprPair pair = socket.createKeep().block();
                node.classicalSocket(Sweep.BOB).recv(String.class).block();
                pair.qubit().release();
            }
        });
        net.run(Sweep.BOB, node -> {
            EprSocket socket = node.eprSocket(Sweep.ALICE);
            for (int i = 0; i < pairs; i++) {
                EprPair pair = socket.recvKeep().block();
                fidelities[i] = TeleportExample.coefficients(truth, pair)[0];
                pair.qubit().release();
                node.classicalSocket(Sweep.ALICE).send(READ).block();
            }
        });
        net.awaitCompletion();
        long attempts = net.attempts(Sweep.ALICE, Sweep.BOB);
        double p = (double) pairs / attempts;
        double[] f = Statistics.meanWithStandardError(fidelities);
        return new Sample(pairs, attempts, p, Math.sqrt(p * (1 - p) / attempts), f[0], f[1]);
    }
}
