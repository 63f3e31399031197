package org.qnetstack.sim.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qnetstack.sim.state.Dense.assertMatrixEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Basis;

/** The engine's index-pair kernels against plain full-matrix arithmetic on random states. */
class ReferenceTest {
    private static final double EPS = 1e-12;
    private static final int N = 4;

    private static StateEngine engineWith(double[] rho, int n) {
        StateEngine engine = new StateEngine();
        int[] all = new int[n];
        for (int k = 0; k < n; k++) {
            all[k] = engine.allocate();
        }
        engine.setState(all, rho);
        return engine;
    }

    private static int[] all(int n) {
        int[] q = new int[n];
        for (int k = 0; k < n; k++) {
            q[k] = k;
        }
        return q;
    }

    @Test
    void singleQubitGatesOnEveryPosition() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] rho = Dense.randomDensity(1 << N, rng);
        StateEngine engine = engineWith(rho, N);
        for (int round = 0; round < 3; round++) {
            for (int target = 0; target < N; target++) {
                double[] u = Dense.randomUnitary(2, rng);
                engine.apply(target, u);
                rho = Dense.sandwich(Dense.embed(u, N, target), rho);
            }
        }
        assertMatrixEquals(rho, engine.densityMatrix(all(N)), EPS, "after 1-qubit gates");
    }

    @Test
    void twoQubitGatesOnEveryOrderedPair() {
        SplittableRandom rng = new SplittableRandom(2);
        double[] rho = Dense.randomDensity(1 << N, rng);
        StateEngine engine = engineWith(rho, N);
        for (int first = 0; first < N; first++) {
            for (int second = 0; second < N; second++) {
                if (first == second) {
                    continue;
                }
                double[] u = Dense.randomUnitary(4, rng);
                engine.apply(first, second, u);
                rho = Dense.sandwich(Dense.embed(u, N, first, second), rho);
                assertMatrixEquals(rho, engine.densityMatrix(all(N)), EPS, "gate on " + first + "," + second);
            }
        }
    }

    @Test
    void permutationGatesWithPhasesOnEveryOrderedPair() {
        // One non-zero per row takes the engine's permutation path; check it with phases and with the
        // fixed gates.
        SplittableRandom rng = new SplittableRandom(21);
        double[] rho = Dense.randomDensity(1 << N, rng);
        StateEngine engine = engineWith(rho, N);
        double[] swap = new double[32];
        int[] swapOf = {0, 2, 1, 3};
        for (int i = 0; i < 4; i++) {
            swap[2 * (4 * i + swapOf[i])] = 1;
        }
        for (int first = 0; first < N; first++) {
            for (int second = 0; second < N; second++) {
                if (first == second) {
                    continue;
                }
                for (double[] u : new double[][] {Gates.CNOT, Gates.CZ, swap, randomMonomial(rng)}) {
                    engine.apply(first, second, u);
                    rho = Dense.sandwich(Dense.embed(u, N, first, second), rho);
                }
                assertMatrixEquals(rho, engine.densityMatrix(all(N)), EPS, "gates on " + first + "," + second);
            }
        }
    }

    @Test
    void krausOperatorsWithOneNonZeroPerRowThatAreNotPermutations() {
        SplittableRandom rng = new SplittableRandom(22);
        double[] rho = Dense.randomDensity(8, rng);
        StateEngine engine = engineWith(rho, 3);
        // Two-qubit decay |11⟩ → |00⟩: K0 is diagonal but not unitary, K1 = √g|00⟩⟨11| has empty rows.
        double g = 0.3;
        double[] k0 = new double[32];
        k0[0] = 1;
        k0[2 * 5] = 1;
        k0[2 * 10] = 1;
        k0[2 * 15] = Math.sqrt(1 - g);
        double[] k1 = new double[32];
        k1[2 * 3] = Math.sqrt(g);
        engine.applyKraus(2, 0, new double[][] {k0, k1});
        rho = Dense.add(Dense.sandwich(Dense.embed(k0, 3, 2, 0), rho), Dense.sandwich(Dense.embed(k1, 3, 2, 0), rho));
        assertMatrixEquals(rho, engine.densityMatrix(all(3)), EPS, "decay of |11⟩");
        // Every row pointing at the same column: one non-zero per row, but no permutation.
        double[] k2 = new double[32];
        for (int i = 0; i < 4; i++) {
            k2[2 * (4 * i + 1)] = 0.5;
        }
        engine.applyKraus(0, 1, new double[][] {k2});
        rho = Dense.sandwich(Dense.embed(k2, 3, 0, 1), rho);
        assertMatrixEquals(rho, engine.densityMatrix(all(3)), EPS, "rank-one operator");
    }

    /** A random permutation matrix with random phases. */
    private static double[] randomMonomial(SplittableRandom rng) {
        int[] perm = {0, 1, 2, 3};
        for (int i = 3; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[] u = new double[32];
        for (int i = 0; i < 4; i++) {
            double angle = rng.nextDouble(2 * Math.PI);
            u[2 * (4 * i + perm[i])] = Math.cos(angle);
            u[2 * (4 * i + perm[i]) + 1] = Math.sin(angle);
        }
        return u;
    }

    @Test
    void krausChannelsOnEveryPosition() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] rho = Dense.randomDensity(1 << N, rng);
        StateEngine engine = engineWith(rho, N);
        for (int target = 0; target < N; target++) {
            double[][] kraus = Dense.randomKraus(2, 3, rng);
            engine.applyKraus(target, kraus);
            double[] next = new double[rho.length];
            for (double[] k : kraus) {
                next = Dense.add(next, Dense.sandwich(Dense.embed(k, N, target), rho));
            }
            rho = next;
            int other = (target + 1 + target % 2) % N;
            double[][] kraus4 = Dense.randomKraus(4, 2, rng);
            engine.applyKraus(other, target, kraus4);
            next = new double[rho.length];
            for (double[] k : kraus4) {
                next = Dense.add(next, Dense.sandwich(Dense.embed(k, N, other, target), rho));
            }
            rho = next;
            assertMatrixEquals(rho, engine.densityMatrix(all(N)), EPS, "channels on " + target);
        }
    }

    @Test
    void mergingSeparateGroupsIsTheTensorProduct() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] rhoA = Dense.randomDensity(4, rng);
        double[] rhoB = Dense.randomDensity(2, rng);
        double[] rhoC = Dense.randomDensity(2, rng);
        StateEngine engine = new StateEngine();
        for (int k = 0; k < 4; k++) {
            engine.allocate();
        }
        engine.setState(new int[] {0, 1}, rhoA);
        engine.setState(new int[] {2}, rhoB);
        engine.setState(new int[] {3}, rhoC);
        double[] rho = Dense.kron(Dense.kron(rhoA, rhoB), rhoC);
        double[] u = Dense.randomUnitary(4, rng);
        engine.apply(3, 1, u);
        rho = Dense.sandwich(Dense.embed(u, 4, 3, 1), rho);
        assertEquals(3, engine.groupSize(1));
        assertEquals(1, engine.groupSize(2));
        double[] v = Dense.randomUnitary(4, rng);
        engine.apply(2, 0, v);
        rho = Dense.sandwich(Dense.embed(v, 4, 2, 0), rho);
        assertEquals(4, engine.groupSize(2));
        assertMatrixEquals(rho, engine.densityMatrix(all(4)), EPS, "merged");
        assertMatrixEquals(Dense.partialTrace(rho, 4, 3, 0), engine.densityMatrix(3, 0), EPS, "reduced (3,0)");
        assertMatrixEquals(Dense.partialTrace(rho, 4, 2, 3, 1), engine.densityMatrix(2, 3, 1), EPS, "(2,3,1)");
    }

    @Test
    void measurementMatchesProjectionInEveryBasis() {
        SplittableRandom rng = new SplittableRandom(5);
        double r = Math.sqrt(0.5);
        double[][][] eigen = {
                {{1, 0, 0, 0}, {0, 0, 1, 0}},
                {{r, 0, r, 0}, {r, 0, -r, 0}},
                {{r, 0, 0, r}, {r, 0, 0, -r}}};
        Basis[] bases = {Basis.Z, Basis.X, Basis.Y};
        for (int bi = 0; bi < 3; bi++) {
            for (int target = 0; target < 3; target++) {
                for (int outcome = 0; outcome < 2; outcome++) {
                    double[] rho = Dense.randomDensity(8, rng);
                    StateEngine engine = engineWith(rho, 3);
                    double[] projector = Dense.embed(Gates.pureDensity(eigen[bi][outcome]), 3, target);
                    double[] projected = Dense.sandwich(projector, rho);
                    double p = Dense.realTrace(projected);
                    double p0 = outcome == 0 ? p : 1 - p;
                    assertEquals(p0, engine.probabilityOfZero(target, bases[bi]), EPS);
                    int got = engine.measure(target, bases[bi], outcome == 0 ? p0 * 0.999 : p0 + (1 - p0) * 0.001);
                    assertEquals(outcome, got);
                    int[] rest = new int[2];
                    for (int k = 0, j = 0; k < 3; k++) {
                        if (k != target) {
                            rest[j++] = k;
                        }
                    }
                    double[] expected = Dense.scale(Dense.partialTrace(projected, 3, rest), 1 / p);
                    assertMatrixEquals(expected, engine.densityMatrix(rest), 1e-11, bases[bi] + " on " + target);
                    assertMatrixEquals(Gates.pureDensity(eigen[bi][outcome]), engine.densityMatrix(target), EPS,
                            "measured qubit");
                }
            }
        }
    }

    @Test
    void fidelityToArbitraryPureStates() {
        SplittableRandom rng = new SplittableRandom(6);
        double[] rho = Dense.randomDensity(8, rng);
        StateEngine engine = engineWith(rho, 3);
        for (int k = 0; k < 10; k++) {
            double[] psi = Dense.randomState(8, rng);
            double expected = Dense.realTrace(Dense.multiply(rho, Gates.pureDensity(psi)));
            assertEquals(expected, engine.fidelity(new int[] {0, 1, 2}, psi), EPS);
        }
    }

    @Test
    void largeGroupsStayConsistent() {
        // Ten qubits, one group: a GHZ chain, undone in reverse, returns to |0…0⟩.
        StateEngine engine = new StateEngine();
        int n = 10;
        for (int k = 0; k < n; k++) {
            engine.allocate();
        }
        engine.apply(0, Gates.H);
        for (int k = 1; k < n; k++) {
            engine.apply(k - 1, k, Gates.CNOT);
        }
        assertEquals(n, engine.groupSize(5));
        assertEquals(0.5, engine.densityMatrix(all(n))[0], EPS);
        // the two ends are classically correlated: ½(|00⟩⟨00| + |11⟩⟨11|)
        assertEquals(0.5, engine.bellFidelity(0, n - 1, 0), EPS);
        assertEquals(0.5, engine.bellFidelity(0, n - 1, 1), EPS);
        for (int k = n - 1; k >= 1; k--) {
            engine.apply(k - 1, k, Gates.CNOT);
        }
        engine.apply(0, Gates.H);
        for (int k = 0; k < n; k++) {
            assertEquals(1.0, engine.probabilityOfZero(k, Basis.Z), 1e-12);
        }
    }
}
