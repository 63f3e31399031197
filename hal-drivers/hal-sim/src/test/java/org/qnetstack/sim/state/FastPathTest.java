package org.qnetstack.sim.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Basis;

/**
 * The engine's fast paths against the dense ones: permutation gates against full-matrix products, and
 * Bell-diagonal pairs against an engine that keeps every state dense, on the same random operation
 * sequences. Rounding differs between the paths, so results are compared to 1e-12.
 */
class FastPathTest {
    private static final double TOLERANCE = 1e-12;
    private static final double[][] PERMUTATION_GATES_1 = {Gates.X, Gates.Y, Gates.Z, Gates.I};
    private static final double[][] PERMUTATION_GATES_2 = {Gates.CNOT, Gates.CZ, Gates.SWAP};

    @Test
    void permutationGatesEqualFullMatrixProductsOnEveryPosition() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 3;
        for (int trial = 0; trial < 5; trial++) {
            double[] rho = Dense.randomDensity(1 << n, rng);
            for (double[] gate : PERMUTATION_GATES_1) {
                for (int t = 0; t < n; t++) {
                    StateEngine engine = new StateEngine();
                    int[] q = allocate(engine, n);
                    engine.setState(q, rho);
                    engine.apply(q[t], gate);
                    Dense.assertMatrixEquals(Dense.sandwich(Dense.embed(gate, n, t), rho), engine.densityMatrix(q),
                            TOLERANCE, "1-qubit gate on " + t);
                }
            }
            for (double[] gate : PERMUTATION_GATES_2) {
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        if (a == b) {
                            continue;
                        }
                        StateEngine engine = new StateEngine();
                        int[] q = allocate(engine, n);
                        engine.setState(q, rho);
                        engine.apply(q[a], q[b], gate);
                        Dense.assertMatrixEquals(Dense.sandwich(Dense.embed(gate, n, a, b), rho),
                                engine.densityMatrix(q), TOLERANCE, "2-qubit gate on " + a + ", " + b);
                    }
                }
            }
        }
    }

    @Test
    void swappingTwoWernerPairsMultipliesTheirWernerParameters() {
        // docs/physics.md: 0.9 and 0.9 → F = F1·F2 + (1−F1)(1−F2)/3 = 0.8133…
        StateEngine engine = new StateEngine();
        int[] q = allocate(engine, 4);
        engine.setBellDiagonal(q[0], q[1], werner(0.9));
        engine.setBellDiagonal(q[2], q[3], werner(0.9));
        engine.apply(q[1], q[2], Gates.CNOT);
        engine.apply(q[1], Gates.H);
        int z = engine.measure(q[1], Basis.Z, 0.3);
        int x = engine.measure(q[2], Basis.Z, 0.7);
        int bsm = 2 * x + z;
        assertTrue(engine.isStoredAsBellWeights(q[0]), "what is left of two Bell-diagonal pairs is one");
        assertEquals(0.81 + 0.01 / 3, engine.bellFidelity(q[0], q[3], bsm), 1e-12);
    }

    @Test
    void bellDiagonalStatesAreRecognisedWhenSetDensely() {
        StateEngine engine = new StateEngine();
        int[] q = allocate(engine, 2);
        engine.setState(q, Gates.werner(0.8));
        assertTrue(engine.isStoredAsBellWeights(q[0]));
        assertEquals(0.8, engine.bellFidelity(q[1], q[0], 0), 1e-15);
        engine.setState(q, Dense.randomDensity(4, new SplittableRandom(3)));
        assertFalse(engine.isStoredAsBellWeights(q[0]));
        engine.setBellDiagonal(q[0], q[1], new double[] {0.7, 0.1, 0.15, 0.05});
        engine.apply(q[0], Gates.X);
        engine.dephase(q[1], 0.1);
        engine.depolarize(q[0], q[1], 0.05);
        assertTrue(engine.isStoredAsBellWeights(q[1]), "Pauli and noise keep a pair Bell-diagonal");
        engine.apply(q[0], Gates.H);
        assertFalse(engine.isStoredAsBellWeights(q[1]), "H leaves the family");
    }

    @Test
    void allocationStillHandsOutTheLowestFreeId() {
        StateEngine engine = new StateEngine();
        int[] q = allocate(engine, 10);
        engine.free(q[7]);
        engine.free(q[3]);
        assertEquals(q[3], engine.allocate());
        assertEquals(q[7], engine.allocate());
        assertEquals(q[9] + 1, engine.allocate());
    }

    @Test
    void badBellWeightsAreRejectedWithTheReason() {
        StateEngine engine = new StateEngine();
        int[] q = allocate(engine, 2);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> engine.setBellDiagonal(q[0], q[1], new double[] {1, 0, 0})).getMessage().contains("4"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> engine.setBellDiagonal(q[0], q[1], new double[] {1.2, -0.2, 0, 0})).getMessage()
                .contains("negative"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> engine.setBellDiagonal(q[0], q[1], new double[] {0.5, 0.2, 0, 0})).getMessage()
                .contains("sum"));
        assertThrows(IllegalArgumentException.class, () -> engine.setBellDiagonal(q[0], q[0], werner(0.9)));
    }

    /**
     * Six qubits in three pairs, random Bell-diagonal starts, then random operations inside and outside
     * the Bell-diagonal family, swaps through the gate-level BSM circuit and measurements, applied to
     * an engine with the fast path and to a dense-only one with the same uniforms. After every step the
     * joint 6-qubit matrices, and every outcome, must agree.
     */
    @Test
    void randomSequencesGiveTheSameStatesAsTheDensePath() {
        int fastSteps = 0;
        int steps = 0;
        for (long seed = 1; seed <= 30; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            StateEngine fast = new StateEngine();
            StateEngine dense = StateEngine.denseOnly();
            int[] q = allocate(fast, 6);
            assertEquals(q[5], allocate(dense, 6)[5]);
            List<int[]> pairs = new ArrayList<>(List.of(new int[] {q[0], q[1]}, new int[] {q[2], q[3]},
                    new int[] {q[4], q[5]}));
            for (int[] pair : pairs) {
                double[] w = randomWeights(rng);
                fast.setBellDiagonal(pair[0], pair[1], w);
                dense.setBellDiagonal(pair[0], pair[1], w);
            }
            for (int step = 0; step < 60; step++) {
                int[] pair = pairs.get(rng.nextInt(pairs.size()));
                int a = pair[rng.nextInt(2)];
                int b = pair[0] == a ? pair[1] : pair[0];
                String op = randomOperation(rng, fast, dense, pairs, pair, a, b);
                steps++;
                if (fast.isStoredAsBellWeights(a)) {
                    fastSteps++;
                }
                Dense.assertMatrixEquals(dense.densityMatrix(q), fast.densityMatrix(q), TOLERANCE,
                        "seed " + seed + ", step " + step + " (" + op + ")");
                for (int k = 0; k < 4; k++) {
                    assertEquals(dense.bellFidelity(a, b, k), fast.bellFidelity(a, b, k), TOLERANCE);
                }
            }
        }
        // The comparison is only worth something if the fast path carried a good part of the run.
        assertTrue(fastSteps > steps / 4, "fast path used in " + fastSteps + " of " + steps + " steps");
    }

    private static String randomOperation(SplittableRandom rng, StateEngine fast, StateEngine dense,
                                          List<int[]> pairs, int[] pair, int a, int b) {
        int kind = rng.nextInt(14);
        switch (kind) {
            case 0, 1 -> {
                double[] gate = PERMUTATION_GATES_1[rng.nextInt(4)];
                both(fast, dense, e -> e.apply(a, gate));
                return "Pauli";
            }
            case 2 -> {
                both(fast, dense, e -> e.apply(a, b, Gates.SWAP));
                return "SWAP";
            }
            case 3 -> {
                double p = rng.nextDouble();
                both(fast, dense, e -> e.depolarize(a, p));
                return "depolarize 1";
            }
            case 4 -> {
                double p = rng.nextDouble(0.3);
                both(fast, dense, e -> e.depolarize(a, b, p));
                return "depolarize 2";
            }
            case 5 -> {
                double p = rng.nextDouble(0.5);
                both(fast, dense, e -> e.dephase(a, p));
                return "dephase";
            }
            case 6 -> {
                double t = rng.nextDouble();
                double t2 = 0.5 + rng.nextDouble();
                both(fast, dense, e -> e.decay(a, t, Double.POSITIVE_INFINITY, t2));
                both(fast, dense, e -> e.gaussianDephase(b, t, 2 * t2));
                return "decay without T1, Gaussian dephasing";
            }
            case 7 -> {
                double t = rng.nextDouble(0.1);
                both(fast, dense, e -> e.decay(a, t, 1, 1.5));
                return "decay with T1 (leaves the family)";
            }
            case 8 -> {
                both(fast, dense, e -> e.apply(a, Gates.H));
                both(fast, dense, e -> e.apply(a, b, Gates.CNOT));
                return "H, CNOT (leave the family)";
            }
            case 9 -> {
                Basis basis = Basis.values()[rng.nextInt(3)];
                double u = rng.nextDouble();
                assertEquals(dense.probabilityOfZero(a, basis), fast.probabilityOfZero(a, basis), TOLERANCE);
                assertEquals(dense.measure(a, basis, u), fast.measure(a, basis, u), "outcome");
                double[] w = randomWeights(rng);
                both(fast, dense, e -> e.setBellDiagonal(a, b, w));
                return "measure in " + basis + ", new pair";
            }
            case 10 -> {
                both(fast, dense, e -> e.reset(b));
                double[] w = randomWeights(rng);
                both(fast, dense, e -> e.setState(new int[] {a, b}, BellDiagonal.toDensity(w)));
                return "reset, new pair set densely";
            }
            default -> {
                int[] other = pairs.get((pairs.indexOf(pair) + 1) % pairs.size());
                int c = other[rng.nextInt(2)];
                int d = other[0] == c ? other[1] : other[0];
                // Gate-level BSM on (a, c): (b, d) become a pair, (a, c) are re-paired afresh.
                both(fast, dense, e -> e.apply(a, c, Gates.CNOT));
                both(fast, dense, e -> e.apply(a, Gates.H));
                double u1 = rng.nextDouble();
                double u2 = rng.nextDouble();
                assertEquals(dense.measure(a, Basis.Z, u1), fast.measure(a, Basis.Z, u1), "BSM z");
                assertEquals(dense.measure(c, Basis.Z, u2), fast.measure(c, Basis.Z, u2), "BSM x");
                double[] w = randomWeights(rng);
                both(fast, dense, e -> e.setBellDiagonal(a, c, w));
                pairs.remove(pair);
                pairs.remove(other);
                pairs.add(new int[] {b, d});
                pairs.add(new int[] {a, c});
                return "swap";
            }
        }
    }

    private static void both(StateEngine fast, StateEngine dense, java.util.function.Consumer<StateEngine> op) {
        op.accept(fast);
        op.accept(dense);
    }

    private static double[] randomWeights(SplittableRandom rng) {
        double[] w = new double[4];
        double sum = 0;
        for (int k = 0; k < 4; k++) {
            w[k] = rng.nextDouble() * (k == 0 ? 6 : 1); // mostly high fidelity, like real links
            sum += w[k];
        }
        for (int k = 0; k < 4; k++) {
            w[k] /= sum;
        }
        return w;
    }

    private static double[] werner(double f) {
        return new double[] {f, (1 - f) / 3, (1 - f) / 3, (1 - f) / 3};
    }

    private static int[] allocate(StateEngine engine, int n) {
        int[] q = new int[n];
        for (int i = 0; i < n; i++) {
            q[i] = engine.allocate();
        }
        return q;
    }
}
