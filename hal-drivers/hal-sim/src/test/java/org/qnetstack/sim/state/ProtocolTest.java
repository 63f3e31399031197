package org.qnetstack.sim.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qnetstack.sim.state.Dense.assertMatrixEquals;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qnetstack.hal.Basis;

/** Bell pairs, entanglement swapping and teleportation under the project's conventions (docs/physics.md). */
class ProtocolTest {
    private static final double EPS = 1e-12;
    /** Uniform values that force outcome 0 and outcome 1 when both have probability ½. */
    private static final double[] FORCE = {0.25, 0.75};

    /** Pair (a, b) in Bell state {@code index} built from gates: H, CNOT, then X^x Z^z on a. */
    static void makeBellPair(StateEngine engine, int a, int b, int index) {
        engine.apply(a, Gates.H);
        engine.apply(a, b, Gates.CNOT);
        if ((index & 1) != 0) {
            engine.apply(a, Gates.Z);
        }
        if ((index & 2) != 0) {
            engine.apply(a, Gates.X);
        }
    }

    /** BSM on (c, t) with forced outcomes; returns {bell index, probability of the outcome pair}. */
    static double[] bellMeasurement(StateEngine engine, int c, int t, double uc, double ut) {
        engine.apply(c, t, Gates.CNOT);
        engine.apply(c, Gates.H);
        double pc0 = engine.probabilityOfZero(c, Basis.Z);
        int mc = engine.measure(c, Basis.Z, uc);
        double pt0 = engine.probabilityOfZero(t, Basis.Z);
        int mt = engine.measure(t, Basis.Z, ut);
        double p = (mc == 0 ? pc0 : 1 - pc0) * (mt == 0 ? pt0 : 1 - pt0);
        return new double[] {2 * mt + mc, p};
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void bellStatesFromGatesHaveFidelityOneToTheirIndex(int index) {
        StateEngine engine = new StateEngine();
        int a = engine.allocate();
        int b = engine.allocate();
        makeBellPair(engine, a, b, index);
        assertEquals(2, engine.groupSize(a));
        for (int other = 0; other < 4; other++) {
            assertEquals(other == index ? 1.0 : 0.0, engine.bellFidelity(a, b, other), EPS, "to " + other);
        }
        assertEquals(1.0, engine.fidelity(new int[] {a, b}, Gates.bellState(index)), EPS);
        assertMatrixEquals(Gates.bellDensity(index), engine.densityMatrix(a, b), EPS, "ρ(a,b)");
        // Bell states are symmetric under exchange up to the sign of Ψ−, whose density matrix is symmetric too.
        assertMatrixEquals(Gates.bellDensity(index), engine.densityMatrix(b, a), EPS, "ρ(b,a)");
        double[] half = engine.densityMatrix(a);
        assertMatrixEquals(Dense.scale(Dense.identity(2), 0.5), half, EPS, "maximally mixed half");
    }

    static Stream<Arguments> swapCases() {
        return IntStream.range(0, 64).mapToObj(k -> Arguments.of(k >> 4, (k >> 2) & 3, (k >> 1) & 1, k & 1));
    }

    @ParameterizedTest(name = "b1={0} b2={1} forced mt={2} mc={3}")
    @MethodSource("swapCases")
    void swapRuleHoldsForEveryPairAndOutcome(int b1, int b2, int forcedMt, int forcedMc) {
        StateEngine engine = new StateEngine();
        int a = engine.allocate();
        int b1q = engine.allocate();
        int b2q = engine.allocate();
        int c = engine.allocate();
        makeBellPair(engine, a, b1q, b1);
        makeBellPair(engine, b2q, c, b2);
        assertEquals(2, engine.groupSize(a));

        engine.apply(b1q, b2q, Gates.CNOT);
        engine.apply(b1q, Gates.H);
        assertEquals(4, engine.groupSize(a));
        assertEquals(0.5, engine.probabilityOfZero(b1q, Basis.Z), EPS);
        int mc = engine.measure(b1q, Basis.Z, FORCE[forcedMc]);
        assertEquals(forcedMc, mc);
        assertEquals(0.5, engine.probabilityOfZero(b2q, Basis.Z), EPS, "conditional P(m_t = 0)");
        int mt = engine.measure(b2q, Basis.Z, FORCE[forcedMt]);
        assertEquals(forcedMt, mt);

        int bm = 2 * mt + mc;
        int expected = b1 ^ b2 ^ bm;
        assertEquals(2, engine.groupSize(a));
        assertEquals(1, engine.groupSize(b1q));
        assertEquals(1, engine.groupSize(b2q));
        assertEquals(1.0, engine.bellFidelity(a, c, expected), EPS);
        assertEquals(1.0, Dense.realTrace(engine.densityMatrix(a, c)), EPS);
    }

    @Test
    void everySwapOutcomeHasProbabilityOneQuarter() {
        for (int b1 = 0; b1 < 4; b1++) {
            for (int b2 = 0; b2 < 4; b2++) {
                double total = 0;
                for (double uc : FORCE) {
                    for (double ut : FORCE) {
                        StateEngine engine = new StateEngine();
                        int a = engine.allocate();
                        int b1q = engine.allocate();
                        int b2q = engine.allocate();
                        int c = engine.allocate();
                        makeBellPair(engine, a, b1q, b1);
                        makeBellPair(engine, b2q, c, b2);
                        double[] result = bellMeasurement(engine, b1q, b2q, uc, ut);
                        assertEquals(0.25, result[1], EPS);
                        total += result[1];
                    }
                }
                assertEquals(1.0, total, EPS);
            }
        }
    }

    @Test
    void teleportationOfRandomStatesThroughEveryBellPair() {
        SplittableRandom rng = new SplittableRandom(20240611L);
        int cases = 0;
        for (int s = 0; s < 60; s++) {
            double[] psi = Dense.randomState(2, rng);
            for (int pairIndex = 0; pairIndex < 4; pairIndex++) {
                for (double uc : FORCE) {
                    for (double ut : FORCE) {
                        StateEngine engine = new StateEngine();
                        int source = engine.allocate();
                        int sender = engine.allocate();
                        int receiver = engine.allocate();
                        engine.setState(new int[] {source}, Gates.pureDensity(psi));
                        makeBellPair(engine, sender, receiver, pairIndex);

                        double[] bsm = bellMeasurement(engine, source, sender, uc, ut);
                        assertEquals(0.25, bsm[1], EPS, "outcome probability");
                        int bm = (int) bsm[0];
                        int mc = bm & 1;
                        int mt = bm >> 1;
                        if ((mt ^ (pairIndex >> 1)) != 0) {
                            engine.apply(receiver, Gates.X);
                        }
                        if ((mc ^ (pairIndex & 1)) != 0) {
                            engine.apply(receiver, Gates.Z);
                        }
                        assertEquals(1, engine.groupSize(receiver));
                        assertEquals(1.0, engine.fidelity(new int[] {receiver}, psi), EPS,
                                "state " + s + ", pair " + pairIndex + ", outcome " + bm);
                        cases++;
                    }
                }
            }
        }
        assertEquals(60 * 16, cases);
    }

    @Test
    void wernerStateHasFidelityF() {
        StateEngine engine = new StateEngine();
        int a = engine.allocate();
        int b = engine.allocate();
        for (double f : new double[] {0.25, 0.6, 0.9, 0.99}) {
            engine.setState(new int[] {a, b}, Gates.werner(f));
            assertEquals(f, engine.bellFidelity(a, b, 0), EPS);
            assertEquals(f, engine.fidelity(new int[] {a, b}, Gates.bellState(0)), EPS);
        }
    }

    @Test
    void swappingWernerPairsMultipliesTheirWernerParameters() {
        assertEquals(0.81333333333333, swappedFidelity(0.9, 0.9), 1e-12);
        double[][] pairs = {{0.9, 0.9}, {0.95, 0.8}, {0.7, 1.0}, {0.5, 0.6}};
        for (double[] f : pairs) {
            double expected = f[0] * f[1] + (1 - f[0]) * (1 - f[1]) / 3;
            assertEquals(expected, swappedFidelity(f[0], f[1]), EPS, f[0] + ", " + f[1]);
        }
    }

    /** Outcome-weighted A–C fidelity to Φ+ after swapping, with the Pauli frame corrected on A. */
    private static double swappedFidelity(double f1, double f2) {
        double average = 0;
        double totalProbability = 0;
        for (double uc : FORCE) {
            for (double ut : FORCE) {
                StateEngine engine = new StateEngine();
                int a = engine.allocate();
                int b1 = engine.allocate();
                int b2 = engine.allocate();
                int c = engine.allocate();
                engine.setState(new int[] {a, b1}, Gates.werner(f1));
                engine.setState(new int[] {b2, c}, Gates.werner(f2));
                double[] bsm = bellMeasurement(engine, b1, b2, uc, ut);
                int bm = (int) bsm[0];
                // |β_xz⟩ = (X^x Z^z ⊗ I)|Φ+⟩, so X^x then Z^z on A undoes it.
                if ((bm & 2) != 0) {
                    engine.apply(a, Gates.X);
                }
                if ((bm & 1) != 0) {
                    engine.apply(a, Gates.Z);
                }
                average += bsm[1] * engine.bellFidelity(a, c, 0);
                totalProbability += bsm[1];
            }
        }
        assertEquals(1.0, totalProbability, EPS);
        return average;
    }
}
