package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.sim.device.DeviceParameters;

class GhzTest {
    @Test
    void idealNodesMakePerfectGhzStatesFromTwoBellPairs() {
        GhzExample.Result r = GhzExample.run(new ExampleOptions(2L, null, false, 20));
        assertEquals(20, r.trials());
        assertEquals(1.0, r.meanFidelity(), 1e-9);
        assertEquals(1.0, r.predictedFromPairs(), 1e-9);
    }

    /**
     * nv-2022: the mean GHZ fidelity with its 95% interval lies between what perfect gates make of the two
     * pairs (the product of their true fidelities at the fusion) and that product times what the hub's CNOT
     * (depolarising p₂), its readout of the second half (mean error r̄) and the X correction's gate error g
     * can take at most: F₁F₂·(1 − p₂)(1 − r̄)(1 − g); both ends widened by 3 standard errors.
     */
    @Test
    void nvNodesMakeGhzStatesBetweenThePairProductAndItsNoisyFusion() {
        GhzExample.Result r = GhzExample.run(new ExampleOptions(1L, "classpath:networks/three-nodes-nv.yaml", false,
                100));
        DeviceParameters hub = Predictions.device(NetworkConfig.fromResource("networks/three-nodes-nv.yaml")
                .node("alice").orElseThrow());
        double se = r.meanFidelityHalfWidth() / 1.959964;
        assertTrue(se > 0 && se < 0.02, "standard error " + se);
        double product = r.predictedFromPairs();
        double noisy = product * (1 - hub.twoQubitGateError()) * (1 - (hub.readoutError0() + hub.readoutError1()) / 2)
                * (1 - hub.gateCommunicationError());
        assertTrue(r.meanFidelity() <= product + 3 * se, r.meanFidelity() + " above " + product);
        assertTrue(r.meanFidelity() >= noisy - 3 * se, r.meanFidelity() + " below " + noisy);
        assertTrue(r.pairFidelityHubB() < r.pairFidelityHubC(), "the first pair decays while the second is made");
    }

    @Test
    void theFidelityOfAGhzDensityMatrixIsReadFromItsCorners() {
        double[] rho = new double[2 * 64];
        for (int i : new int[] {0, 7}) {
            for (int j : new int[] {0, 7}) {
                rho[2 * (8 * i + j)] = 0.5;
            }
        }
        assertEquals(1.0, GhzExample.ghzFidelity(rho), 1e-12);
        rho[2 * 7] = 0;
        rho[2 * (8 * 7)] = 0;
        assertEquals(0.5, GhzExample.ghzFidelity(rho), 1e-12, "the classical mixture of 000 and 111");
    }
}
