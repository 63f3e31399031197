package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GhzTest {
    @Test
    void idealNodesMakePerfectGhzStatesFromTwoBellPairs() {
        GhzExample.Result r = GhzExample.run(new ExampleOptions(2L, null, false, 20));
        assertEquals(20, r.trials());
        assertEquals(1.0, r.meanFidelity(), 1e-9);
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
