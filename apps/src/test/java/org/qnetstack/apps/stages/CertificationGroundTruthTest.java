package org.qnetstack.apps.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QubitAddress;

/**
 * The certification's estimates against the simulator's ground truth, which only this test reads. Each 95%
 * interval misses its true value with probability at most 5%, so among n intervals the misses are (at most)
 * Binomial(n, 0.05): a test allows the misses that happen by chance more often than 1% of the time and no more
 * ({@link #allowedMisses}), and every miss must still be within a 99.99% interval of the same count.
 */
class CertificationGroundTruthTest {
    /** Intervals checked and their misses, for one test. */
    private final List<String> misses = new ArrayList<>();
    private int checked;

    private void check(Proportion p, double truth, String what) {
        checked++;
        if (!p.contains(truth)) {
            misses.add(what + ": " + p + " vs " + truth);
            org.qnetstack.apps.qkd.QberEstimate.Interval wide = org.qnetstack.apps.qkd.QberEstimate.clopperPearson(
                    (int) p.events(), (int) p.trials(), 0.9999);
            assertTrue(wide.contains(truth), what + ": even the 99.99% interval misses: " + p + " vs " + truth);
        }
    }

    private void assertCoverage() {
        assertTrue(misses.size() <= allowedMisses(checked), misses.size() + " of " + checked + " intervals miss: "
                + misses);
    }

    /** The smallest m with P(Binomial(n, 0.05) > m) < 1%. */
    static int allowedMisses(int n) {
        var binomial = org.apache.commons.statistics.distribution.BinomialDistribution.of(n, 0.05);
        int m = 0;
        while (binomial.survivalProbability(m) >= 0.01) {
            m++;
        }
        return m;
    }
    static final double READOUT_0 = 0.04;
    static final double READOUT_1 = 0.02;
    static final double T2_SECONDS = 0.05;

    /** The generic two-node network with perfect memories, changed by {@code overrides}. */
    static PlatformSpec generic(long seed, Map<String, Object> overrides) {
        PlatformSpec spec = TestNetworks.withDevice(NetworkConfig.withSeed(
                NetworkConfig.fromResource("networks/two-nodes-generic.yaml"), seed), Map.of("communicationT1", "inf",
                "storageT1", "inf", "communicationT2", "inf", "storageT2", "inf", "linkSuccessProbability", 0.1));
        return TestNetworks.withDevice(spec, overrides);
    }

    /** Readout flips 0 → 1 with probability 0.04 and 1 → 0 with 0.02; |+⟩ reads as |0⟩ after the basis change. */
    @Test
    void measurementErrorsMatchTheDevicesReadout() {
        PlatformSpec spec = generic(21, Map.of("readoutError0", READOUT_0, "readoutError1", READOUT_1));
        CertificationPlan plan = new CertificationPlan(1, 1, 2000, 1000, 4, 3, 0.5);
        NodeEvidence[] evidence = new NodeEvidence[2];
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.run("alice", node -> evidence[0] = NodeProbe.run(node, plan));
            net.run("bob", node -> evidence[1] = NodeProbe.run(node, plan));
            net.awaitCompletion();
        }
        for (NodeEvidence e : evidence) {
            double[] truth = {READOUT_0, READOUT_1, READOUT_0, READOUT_1};
            for (int s = 0; s < 4; s++) {
                check(e.spamErrors().get(s), truth[s], e.node() + " state " + s);
            }
            // A noiseless CNOT makes Φ+: in Z and X the true outcomes agree (00 or 11), and the readout makes the
            // parity odd when one flips; in Y they differ (01 or 10), and it is wrong when exactly one flips.
            double even = READOUT_0 * (1 - READOUT_0) + READOUT_1 * (1 - READOUT_1);
            double odd = READOUT_0 * (1 - READOUT_1) + READOUT_1 * (1 - READOUT_0);
            double[] parity = {even, even, odd};
            for (int b = 0; b < 3; b++) {
                check(e.bellErrors().get(b), parity[b], e.node() + " Bell parity " + b);
            }
        }
        assertCoverage();
    }

    /**
     * Over the generic link's Werner pairs each basis's parity errs with probability 2(1 − F)/3, F the pair's true
     * fidelity read from the simulator; held for τ at both ends with T2 = 50 ms, the X and Y correlations shrink by
     * e^{−2τ/T2} and Z's stays.
     */
    @Test
    void pairAndStorageErrorsMatchTheTrueState() {
        PlatformSpec spec = generic(22, Map.of("communicationT2", T2_SECONDS + "s", "storageT2", T2_SECONDS + "s"));
        double fidelity = trueFidelity(spec);
        assertEquals(0.8, fidelity, 0.01, "the generic link's Werner pairs");
        NetworkCertificate c = CertificationTest.certify(spec, new CertificationPlan(1000, 600, 100, 100, 4, 3, 0.5));
        PairEvidence e = c.pairs().get(0).evidence();
        double w = (4 * fidelity - 1) / 3;
        for (int b = 0; b < 3; b++) {
            check(e.pairErrors().get(b), (1 - w) / 2, "pair parity " + b);
        }
        for (PairEvidence.StoragePoint s : e.storage()) {
            double decay = Math.exp(-2 * s.heldNanos() / 1e9 / T2_SECONDS);
            assertTrue(decay < 0.95, "the storage must show: " + decay);
            double[] truth = {(1 - w) / 2, (1 - w * decay) / 2, (1 - w * decay) / 2};
            for (int b = 0; b < 3; b++) {
                check(s.errors().get(b), truth[b], "held " + s.heldNanos() + " ns, parity " + b);
            }
        }
        assertCoverage();
    }

    /** The fidelity of a fresh pair to its announced Bell state, from the simulator's state. */
    private static double trueFidelity(PlatformSpec spec) {
        double[] fidelity = new double[1];
        QubitAddress[] bobs = new QubitAddress[1];
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.run("alice", node -> {
                EprPair pair = node.eprSocket("bob").createKeep().block();
                node.classicalSocket("bob").recv().block();
                fidelity[0] = net.groundTruth().bellFidelity(pair.qubit().address(), bobs[0], pair.bellIndex());
                node.classicalSocket("bob").send("read").block();
            });
            net.run("bob", node -> {
                EprPair pair = node.eprSocket("alice").recvKeep().block();
                bobs[0] = pair.qubit().address();
                node.classicalSocket("alice").send("held").block();
                node.classicalSocket("alice").recv().block();
            });
            net.awaitCompletion();
        }
        return fidelity[0];
    }

}
