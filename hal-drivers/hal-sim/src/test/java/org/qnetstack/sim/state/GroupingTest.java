package org.qnetstack.sim.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.sim.state.Dense.assertMatrixEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qnetstack.hal.Basis;

/** Allocation, merging, splitting, partial traces and measurement. */
class GroupingTest {
    private static final double EPS = 1e-12;

    private static int[] ghz(StateEngine engine) {
        int a = engine.allocate();
        int b = engine.allocate();
        int c = engine.allocate();
        engine.apply(a, Gates.H);
        engine.apply(a, b, Gates.CNOT);
        engine.apply(a, c, Gates.CNOT);
        return new int[] {a, b, c};
    }

    @Test
    void allocationHandsOutLowestFreeIdsAndReusesThem() {
        StateEngine engine = new StateEngine();
        assertEquals(0, engine.allocate());
        assertEquals(1, engine.allocate());
        assertEquals(2, engine.allocate());
        engine.apply(1, Gates.X);
        engine.free(1);
        assertFalse(engine.isAllocated(1));
        assertFalse(engine.isAllocated(-1));
        assertFalse(engine.isAllocated(99));
        assertEquals(1, engine.allocate());
        assertTrue(engine.isAllocated(1));
        assertMatrixEquals(Gates.pureDensity(new double[] {1, 0, 0, 0}), engine.densityMatrix(1), 0, "fresh |0⟩");
        assertEquals(3, engine.allocate());
        for (int k = 0; k < 100; k++) {
            engine.allocate();
        }
        assertEquals(104, engine.allocate());
    }

    @Test
    void unallocatedQubitsAreRejected() {
        StateEngine engine = new StateEngine();
        int q = engine.allocate();
        engine.free(q);
        assertThrows(IllegalArgumentException.class, () -> engine.apply(q, Gates.X));
        assertThrows(IllegalArgumentException.class, () -> engine.free(q));
        assertThrows(IllegalArgumentException.class, () -> engine.densityMatrix(q));
        assertThrows(IllegalArgumentException.class, () -> engine.groupSize(7));
        int r = engine.allocate();
        int s = engine.allocate();
        assertThrows(IllegalArgumentException.class, () -> engine.apply(r, r, Gates.CNOT));
        assertThrows(IllegalArgumentException.class, () -> engine.apply(r, s, Gates.X), "wrong size");
        assertThrows(IllegalArgumentException.class, () -> engine.densityMatrix(r, s, r), "repeated qubit");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void measuringGhzInZLeavesAProductState(int measured) {
        for (int forced = 0; forced < 2; forced++) {
            StateEngine engine = new StateEngine();
            int[] q = ghz(engine);
            assertEquals(3, engine.groupSize(q[0]));
            assertEquals(0.5, engine.probabilityOfZero(q[measured], Basis.Z), EPS);
            int outcome = engine.measure(q[measured], Basis.Z, forced == 0 ? 0.3 : 0.7);
            assertEquals(forced, outcome);
            int other1 = q[(measured + 1) % 3];
            int other2 = q[(measured + 2) % 3];
            assertEquals(1, engine.groupSize(q[measured]));
            assertEquals(2, engine.groupSize(other1));
            double[] basis = new double[8];
            basis[2 * (3 * outcome)] = 1; // |00⟩ or |11⟩
            assertEquals(1.0, engine.fidelity(new int[] {other1, other2}, basis), EPS);
            assertEquals(outcome == 0 ? 1.0 : 0.0, engine.probabilityOfZero(q[measured], Basis.Z), EPS);
        }
    }

    @Test
    void measuringGhzInXLeavesABellPair() {
        for (int forced = 0; forced < 2; forced++) {
            StateEngine engine = new StateEngine();
            int[] q = ghz(engine);
            assertEquals(0.5, engine.probabilityOfZero(q[0], Basis.X), EPS);
            int outcome = engine.measure(q[0], Basis.X, forced == 0 ? 0.1 : 0.9);
            assertEquals(forced, outcome);
            // ⟨±|GHZ⟩ ∝ |00⟩ ± |11⟩
            assertEquals(1.0, engine.bellFidelity(q[1], q[2], outcome == 0 ? 0 : 1), EPS);
            double[] expected = outcome == 0 ? plus() : minus();
            assertMatrixEquals(Gates.pureDensity(expected), engine.densityMatrix(q[0]), EPS, "post-measurement");
            assertEquals(2, engine.groupSize(q[1]));
            assertEquals(1, engine.groupSize(q[0]));
        }
    }

    @Test
    void partialTracesOfGhz() {
        StateEngine engine = new StateEngine();
        int[] q = ghz(engine);
        double[] twoQubit = new double[32];
        twoQubit[0] = 0.5;
        twoQubit[2 * 15] = 0.5;
        assertMatrixEquals(twoQubit, engine.densityMatrix(q[2], q[0]), EPS, "classically correlated pair");
        assertMatrixEquals(Dense.scale(Dense.identity(2), 0.5), engine.densityMatrix(q[1]), EPS, "single");
        assertEquals(3, engine.groupSize(q[1]), "reading does not split");
    }

    @Test
    void freeingAndResettingSplitQubitsOut() {
        StateEngine engine = new StateEngine();
        int[] q = ghz(engine);
        engine.free(q[1]);
        assertEquals(2, engine.groupSize(q[0]));
        double[] twoQubit = new double[32];
        twoQubit[0] = 0.5;
        twoQubit[2 * 15] = 0.5;
        assertMatrixEquals(twoQubit, engine.densityMatrix(q[0], q[2]), EPS, "after free");
        int reused = engine.allocate();
        assertEquals(q[1], reused);
        assertEquals(1, engine.groupSize(reused));
        engine.reset(q[0]);
        assertEquals(1, engine.groupSize(q[0]));
        assertEquals(1, engine.groupSize(q[2]));
        assertEquals(1.0, engine.probabilityOfZero(q[0], Basis.Z), EPS);
        assertMatrixEquals(Dense.scale(Dense.identity(2), 0.5), engine.densityMatrix(q[2]), EPS, "left mixed");
    }

    @Test
    void densityMatrixOfSeparateGroupsIsTheirTensorProductInRequestOrder() {
        SplittableRandom rng = new SplittableRandom(3);
        StateEngine engine = new StateEngine();
        int a = engine.allocate();
        int b = engine.allocate();
        int c = engine.allocate();
        int d = engine.allocate();
        double[] rhoAc = Dense.randomDensity(4, rng);
        double[] rhoB = Dense.randomDensity(2, rng);
        double[] rhoD = Dense.randomDensity(2, rng);
        engine.setState(new int[] {a, c}, rhoAc);
        engine.setState(new int[] {b}, rhoB);
        engine.setState(new int[] {d}, rhoD);
        assertArrayEquals(new int[] {a, c}, engine.groupMembers(c));
        // full state in order (a, c, b, d), then permuted to the request (d, c, b, a)
        double[] full = Dense.kron(Dense.kron(rhoAc, rhoB), rhoD);
        double[] expected = Dense.sandwich(permutation(4, new int[] {3, 1, 2, 0}), full);
        assertMatrixEquals(expected, engine.densityMatrix(d, c, b, a), EPS, "d c b a");
        assertMatrixEquals(Dense.partialTrace(full, 4, 1, 2), engine.densityMatrix(c, b), EPS, "c b");
        assertMatrixEquals(Dense.kron(rhoD, rhoB), engine.densityMatrix(d, b), EPS, "d b");
        assertEquals(2, engine.groupSize(a));
        assertEquals(1, engine.groupSize(b));
    }

    @Test
    void zMeasurementStatisticsOfPlusState() {
        SplittableRandom rng = new SplittableRandom(42);
        StateEngine engine = new StateEngine();
        int q = engine.allocate();
        int n = 100_000;
        int zeros = 0;
        for (int k = 0; k < n; k++) {
            engine.reset(q);
            engine.apply(q, Gates.H);
            zeros += 1 - engine.measure(q, Basis.Z, rng.nextDouble());
        }
        double sigma = Math.sqrt(0.25 / n);
        assertEquals(0.5, (double) zeros / n, 4 * sigma);
    }

    @Test
    void measurementsInXAndYBasesAreDeterministicOnEigenstates() {
        StateEngine engine = new StateEngine();
        int q = engine.allocate();
        for (double u : new double[] {0, 0.5, 0.999999}) {
            engine.reset(q);
            engine.apply(q, Gates.H);
            assertEquals(1.0, engine.probabilityOfZero(q, Basis.X), EPS);
            assertEquals(0, engine.measure(q, Basis.X, u), "|+⟩ in X");

            engine.reset(q);
            engine.apply(q, Gates.X);
            engine.apply(q, Gates.H);
            assertEquals(1, engine.measure(q, Basis.X, u), "|−⟩ in X");

            engine.reset(q);
            engine.apply(q, Gates.H);
            engine.apply(q, Gates.S);
            assertEquals(1.0, engine.probabilityOfZero(q, Basis.Y), EPS);
            assertEquals(0, engine.measure(q, Basis.Y, u), "|+i⟩ in Y");
            assertMatrixEquals(Gates.pureDensity(new double[] {Math.sqrt(0.5), 0, 0, Math.sqrt(0.5)}),
                    engine.densityMatrix(q), EPS, "stays |+i⟩");

            engine.reset(q);
            engine.apply(q, Gates.H);
            engine.apply(q, Gates.SDG);
            assertEquals(0.0, engine.probabilityOfZero(q, Basis.Y), EPS);
            assertEquals(1, engine.measure(q, Basis.Y, u), "|−i⟩ in Y");

            engine.reset(q);
            assertEquals(0.5, engine.probabilityOfZero(q, Basis.Y), EPS);
            assertEquals(0.5, engine.probabilityOfZero(q, Basis.X), EPS);
        }
    }

    @Test
    void measuringAnImpossibleOutcomeIsNeverReported() {
        StateEngine engine = new StateEngine();
        int a = engine.allocate();
        int b = engine.allocate();
        engine.apply(a, Gates.X);
        engine.apply(a, b, Gates.CNOT);
        // P(0) = 0 exactly: even uniform = 0 must give outcome 1
        assertEquals(1, engine.measure(a, Basis.Z, 0.0));
        assertEquals(1, engine.measure(b, Basis.Z, 0.0));
        engine.reset(a);
        assertEquals(0, engine.measure(a, Basis.Z, 1.0));
        assertThrows(IllegalArgumentException.class, () -> engine.measure(a, Basis.Z, 1.5));
        assertThrows(IllegalArgumentException.class, () -> engine.measure(a, Basis.Z, Double.NaN));
    }

    @Test
    void conditionalStateAfterPartialMeasurementIsRenormalised() {
        // (√0.2|0⟩|ψ0⟩ + √0.8|1⟩|ψ1⟩) with ψ0 = |+⟩, ψ1 = |1⟩
        StateEngine engine = new StateEngine();
        int a = engine.allocate();
        int b = engine.allocate();
        double s0 = Math.sqrt(0.2);
        double s1 = Math.sqrt(0.8);
        double r = Math.sqrt(0.5);
        double[] psi = {s0 * r, 0, s0 * r, 0, 0, 0, s1, 0};
        engine.setState(new int[] {a, b}, Gates.pureDensity(psi));
        assertEquals(0.2, engine.probabilityOfZero(a, Basis.Z), EPS);
        assertEquals(0, engine.measure(a, Basis.Z, 0.19));
        assertMatrixEquals(Gates.pureDensity(plus()), engine.densityMatrix(b), EPS, "ψ0");
        engine.setState(new int[] {a, b}, Gates.pureDensity(psi));
        assertEquals(1, engine.measure(a, Basis.Z, 0.2));
        assertMatrixEquals(Gates.pureDensity(new double[] {0, 0, 1, 0}), engine.densityMatrix(b), EPS, "ψ1");
    }

    @Test
    void setStateValidatesItsInput() {
        StateEngine engine = new StateEngine();
        int a = engine.allocate();
        int b = engine.allocate();
        int[] pair = {a, b};
        assertThrows(IllegalArgumentException.class, () -> engine.setState(pair, new double[8]), "dimension");
        double[] unnormalised = Gates.bellDensity(0);
        unnormalised[0] += 0.01;
        unnormalised[2 * 15] += 0.01;
        assertThrows(IllegalArgumentException.class, () -> engine.setState(pair, unnormalised), "trace");
        double[] nonHermitian = Gates.bellDensity(0);
        nonHermitian[2 * 3 + 1] = 0.1; // Im ρ(0,3) without the matching −0.1 at (3,0)
        assertThrows(IllegalArgumentException.class, () -> engine.setState(pair, nonHermitian), "Hermitian");
        double[] complexDiagonal = Gates.bellDensity(0);
        complexDiagonal[1] = 0.1;
        assertThrows(IllegalArgumentException.class, () -> engine.setState(pair, complexDiagonal), "diag");
        assertThrows(IllegalArgumentException.class,
                () -> engine.setState(new int[] {a, a}, Gates.bellDensity(0)), "repeated qubit");
        assertThrows(IllegalArgumentException.class,
                () -> engine.setState(new int[] {a, 5}, Gates.bellDensity(0)), "unallocated");
        assertThrows(IllegalArgumentException.class, () -> engine.setState(new int[0], new double[] {1, 0}));
        double[] tiny = Gates.bellDensity(0);
        tiny[0] += 1e-10;
        assertEquals(1, engine.groupSize(a), "failed calls change nothing");
        engine.setState(pair, tiny);
        assertEquals(2, engine.groupSize(a));
    }

    @Test
    void setStateTracesTheQubitsOutOfTheirOldGroups() {
        StateEngine engine = new StateEngine();
        int[] q = ghz(engine);
        engine.setState(new int[] {q[2], q[0]}, Gates.bellDensity(3));
        assertEquals(1, engine.groupSize(q[1]));
        assertEquals(2, engine.groupSize(q[0]));
        assertMatrixEquals(Dense.scale(Dense.identity(2), 0.5), engine.densityMatrix(q[1]), EPS, "q1 mixed");
        assertEquals(1.0, engine.bellFidelity(q[2], q[0], 3), EPS);
    }

    private static double[] plus() {
        return new double[] {Math.sqrt(0.5), 0, Math.sqrt(0.5), 0};
    }

    private static double[] minus() {
        return new double[] {Math.sqrt(0.5), 0, -Math.sqrt(0.5), 0};
    }

    /** The 2^n × 2^n operator moving the qubit at position p to position targetOfSource[p]. */
    private static double[] permutation(int n, int[] targetOfSource) {
        int d = 1 << n;
        double[] out = new double[2 * d * d];
        for (int src = 0; src < d; src++) {
            int dst = 0;
            for (int p = 0; p < n; p++) {
                if ((src & (1 << (n - 1 - p))) != 0) {
                    dst |= 1 << (n - 1 - targetOfSource[p]);
                }
            }
            out[2 * (dst * d + src)] = 1;
        }
        return out;
    }
}
