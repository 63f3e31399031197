package org.qnetstack.apps.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;

class CertificationTest {
    static final String IDEAL = "networks/two-nodes-ideal.yaml";

    static NetworkCertificate certify(PlatformSpec spec, CertificationPlan plan) {
        List<String> nodes = spec.nodes().stream().map(NodeSpec::name).toList();
        return Certification.certify(run -> SimulatedNetwork.of(NetworkConfig.withSeed(spec, spec.seed() + run)),
                nodes, plan);
    }

    static Criterion criterion(PairCertificate pair, int stage) {
        return pair.criteria().stream().filter(c -> c.stage() == stage).reduce((a, b) -> a.holds() ? b : a)
                .orElseThrow();
    }

    @Test
    void idealNetworkReachesQuantumMemory() {
        NetworkCertificate c = certify(NetworkConfig.fromResource(IDEAL), CertificationPlan.defaults());
        assertEquals(4, c.stage(), c.toString());
        assertTrue(c.pairs().get(0).criteria().stream().allMatch(Criterion::holds));
        assertTrue(c.storageNanos() > 0);
    }

    /** Readout errors of 5% push ε_M past 0.057 alone while the QBER stays near 5%: stage 3 goes, stage 2 stays. */
    @Test
    void readoutErrorLosesExactlyEntanglementDistribution() {
        PlatformSpec spec = TestNetworks.withDevice(NetworkConfig.fromResource(IDEAL), Map.of("readoutError0", 0.05));
        PairCertificate pair = certify(spec, CertificationPlan.defaults()).pairs().get(0);
        assertEquals(2, pair.stage(), pair.toString());
        assertTrue(pair.criteria().stream().filter(c -> c.stage() == 2).allMatch(Criterion::holds));
        assertFalse(criterion(pair, 3).holds());
        assertTrue(pair.next().contains("ε_P + ε_M"), pair.next());
    }

    /** A noisy CNOT spoils only the stage-4 budget: the pairs and measurements still meet stage 3. */
    @Test
    void twoQubitGateErrorLosesExactlyQuantumMemory() {
        PlatformSpec spec = TestNetworks.withDevice(NetworkConfig.fromResource(IDEAL), Map.of("twoQubitGateError", 0.3));
        PairCertificate pair = certify(spec, CertificationPlan.defaults()).pairs().get(0);
        assertEquals(3, pair.stage(), pair.toString());
        assertTrue(criterion(pair, 3).holds());
        assertFalse(criterion(pair, 4).holds());
    }
}
