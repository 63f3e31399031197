package org.qnetstack.sim.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qnetstack.sim.state.Dense.assertMatrixEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Memory decay, noise channels and Kraus maps against closed forms. */
class NoiseTest {
    private static final double EPS = 1e-12;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double[] TIMES = {0, 0.01, 0.1, 0.5, 1, 2.5, 10};

    private static StateEngine engineWithPair(double[] rho) {
        StateEngine engine = new StateEngine();
        int a = engine.allocate();
        int b = engine.allocate();
        engine.setState(new int[] {a, b}, rho);
        return engine;
    }

    @Test
    void bellPairDecayMatchesClosedForm() {
        double t1 = 2.0;
        double t2 = 1.5;
        for (double t : TIMES) {
            StateEngine engine = engineWithPair(Gates.bellDensity(0));
            engine.decay(0, t, t1, t2);
            engine.decay(1, t, t1, t2);
            double g = 1 - Math.exp(-t / t1);
            double expected = 0.25 * (1 + g * g + (1 - g) * (1 - g)) + 0.5 * Math.exp(-2 * t / t2);
            assertEquals(expected, engine.bellFidelity(0, 1, 0), EPS, "t = " + t);
        }
    }

    @Test
    void decayAtTheT2LimitIsPureAmplitudeDamping() {
        double t1 = 3.0;
        for (double t : TIMES) {
            StateEngine viaDecay = engineWithPair(Gates.bellDensity(0));
            viaDecay.decay(0, t, t1, 2 * t1);
            StateEngine viaDamping = engineWithPair(Gates.bellDensity(0));
            viaDamping.amplitudeDamp(0, 1 - Math.exp(-t / t1));
            assertMatrixEquals(viaDamping.densityMatrix(0, 1), viaDecay.densityMatrix(0, 1), EPS, "t = " + t);
        }
    }

    @Test
    void pureDephasingOfWernerPairMatchesClosedForm() {
        double f = 0.9;
        double w = (4 * f - 1) / 3;
        double t2a = 1.3;
        double t2b = 0.7;
        for (double t : TIMES) {
            StateEngine engine = engineWithPair(Gates.werner(f));
            engine.decay(0, t, INF, t2a);
            engine.decay(1, t, INF, t2b);
            double expected = (1 - w) / 4 + w * (1 + Math.exp(-t * (1 / t2a + 1 / t2b))) / 2;
            assertEquals(expected, engine.bellFidelity(0, 1, 0), EPS, "t = " + t);
        }
    }

    @Test
    void depolarisingWernerPairScalesItsWernerParameter() {
        double f = 0.9;
        double w0 = (4 * f - 1) / 3;
        double tauA = 2.0;
        double tauB = 5.0;
        for (double t : TIMES) {
            StateEngine engine = engineWithPair(Gates.werner(f));
            engine.depolarize(0, 1 - Math.exp(-t / tauA));
            engine.depolarize(1, 1 - Math.exp(-t / tauB));
            double w = w0 * Math.exp(-t / tauA - t / tauB);
            assertEquals((1 + 3 * w) / 4, engine.bellFidelity(0, 1, 0), EPS, "t = " + t);
        }
        for (double p : new double[] {0, 0.1, 0.5, 1}) {
            StateEngine engine = engineWithPair(Gates.werner(f));
            engine.depolarize(0, 1, p);
            assertMatrixEquals(Gates.werner((1 + 3 * (1 - p) * w0) / 4), engine.densityMatrix(0, 1), EPS,
                    "two-qubit depolarising, p = " + p);
        }
    }

    @Test
    void twoQubitDepolarisingReplacesThePairByIdentityTimesTheRest() {
        // A GHZ state on three qubits: full depolarising of two leaves I/4 ⊗ Tr_{01} ρ = I/4 ⊗ I/2.
        StateEngine engine = new StateEngine();
        int a = engine.allocate();
        int b = engine.allocate();
        int c = engine.allocate();
        engine.apply(a, Gates.H);
        engine.apply(a, b, Gates.CNOT);
        engine.apply(b, c, Gates.CNOT);
        engine.depolarize(c, a, 1.0);
        assertMatrixEquals(Dense.scale(Dense.identity(8), 0.125), engine.densityMatrix(a, b, c), EPS, "I/8");
    }

    @Test
    void invalidDecayParametersAreRejected() {
        StateEngine engine = new StateEngine();
        int q = engine.allocate();
        assertThrows(IllegalArgumentException.class, () -> engine.decay(q, 1, 1, 2.5), "T2 > 2 T1");
        assertThrows(IllegalArgumentException.class, () -> engine.decay(q, 1, 1, INF), "T2 = ∞ with finite T1");
        assertThrows(IllegalArgumentException.class, () -> engine.decay(q, -1, 1, 1), "negative time");
        assertThrows(IllegalArgumentException.class, () -> engine.decay(q, 1, 0, 0), "zero T1");
        assertThrows(IllegalArgumentException.class, () -> engine.decay(q, Double.NaN, 1, 1), "NaN time");
        assertThrows(IllegalArgumentException.class, () -> engine.depolarize(q, 1.5));
        assertThrows(IllegalArgumentException.class, () -> engine.dephase(q, -0.1));
        assertThrows(IllegalArgumentException.class, () -> engine.amplitudeDamp(q, 2));
        assertThrows(IllegalArgumentException.class, () -> engine.gaussianDephase(q, 1, 0));
        engine.decay(q, 5, INF, INF);
        engine.decay(q, 5, 1, 2);
    }

    @Test
    void infiniteTimesMeanNoDecay() {
        StateEngine engine = engineWithPair(Gates.bellDensity(2));
        engine.decay(0, 100, INF, INF);
        engine.gaussianDephase(1, 100, INF);
        assertMatrixEquals(Gates.bellDensity(2), engine.densityMatrix(0, 1), 0, "untouched");
    }

    @Test
    void gaussianDephasingShrinksCoherenceAsGaussian() {
        double tau = 0.8;
        for (double t : TIMES) {
            StateEngine engine = new StateEngine();
            int q = engine.allocate();
            engine.apply(q, Gates.H);
            engine.gaussianDephase(q, t, tau);
            double[] rho = engine.densityMatrix(q);
            double coherence = Math.exp(-2 * t * t / (tau * tau));
            assertEquals(0.5 * coherence, rho[2], EPS, "t = " + t);
            assertEquals(0.5 * coherence, rho[4], EPS);
            assertEquals(0.5, rho[0], EPS);
            assertEquals(0.5, rho[6], EPS);
        }
    }

    @Test
    void dephasingMatchesItsDefinition() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] rho = Dense.randomDensity(2, rng);
        for (double p : new double[] {0, 0.2, 0.5, 1}) {
            StateEngine engine = new StateEngine();
            int q = engine.allocate();
            engine.setState(new int[] {q}, rho);
            engine.dephase(q, p);
            double[] expected = Dense.add(Dense.scale(rho, 1 - p), Dense.scale(Dense.sandwich(Gates.Z, rho), p));
            assertMatrixEquals(expected, engine.densityMatrix(q), EPS, "p = " + p);
        }
    }

    @Test
    void amplitudeDampingOfExcitedAndSuperposedStates() {
        for (double gamma : new double[] {0, 0.1, 0.5, 0.9, 1}) {
            StateEngine engine = new StateEngine();
            int excited = engine.allocate();
            int plus = engine.allocate();
            engine.apply(excited, Gates.X);
            engine.apply(plus, Gates.H);
            engine.amplitudeDamp(excited, gamma);
            engine.amplitudeDamp(plus, gamma);
            double[] e = engine.densityMatrix(excited);
            assertEquals(gamma, e[0], EPS);
            assertEquals(1 - gamma, e[6], EPS);
            double[] p = engine.densityMatrix(plus);
            assertEquals(0.5 * (1 + gamma), p[0], EPS);
            assertEquals(0.5 * (1 - gamma), p[6], EPS);
            assertEquals(0.5 * Math.sqrt(1 - gamma), p[2], EPS);
        }
    }

    @Test
    void builtInChannelsEqualTheirKrausForms() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] rho = Dense.randomDensity(8, rng);
        double gamma = 0.3;
        double p = 0.35;
        double sg = Math.sqrt(gamma);
        double[][] damping = {{1, 0, 0, 0, 0, 0, Math.sqrt(1 - gamma), 0}, {0, 0, sg, 0, 0, 0, 0, 0}};
        double[][] depolarising = {
                Dense.scale(Gates.I, Math.sqrt(1 - 3 * p / 4)),
                Dense.scale(Gates.X, Math.sqrt(p / 4)),
                Dense.scale(Gates.Y, Math.sqrt(p / 4)),
                Dense.scale(Gates.Z, Math.sqrt(p / 4))};
        double[][] dephasing = {Dense.scale(Gates.I, Math.sqrt(1 - p)), Dense.scale(Gates.Z, Math.sqrt(p))};
        for (int target = 0; target < 3; target++) {
            StateEngine builtIn = new StateEngine();
            StateEngine kraus = new StateEngine();
            for (int k = 0; k < 3; k++) {
                builtIn.allocate();
                kraus.allocate();
            }
            int[] all = {0, 1, 2};
            builtIn.setState(all, rho);
            kraus.setState(all, rho);
            builtIn.amplitudeDamp(target, gamma);
            kraus.applyKraus(target, damping);
            builtIn.depolarize(target, p);
            kraus.applyKraus(target, depolarising);
            builtIn.dephase(target, p);
            kraus.applyKraus(target, dephasing);
            assertMatrixEquals(kraus.densityMatrix(all), builtIn.densityMatrix(all), EPS, "target " + target);
        }
    }

    @Test
    void twoQubitDepolarisingEqualsItsPauliTwirl() {
        SplittableRandom rng = new SplittableRandom(12);
        double[] rho = Dense.randomDensity(8, rng);
        double p = 0.4;
        double[][] paulis = {Gates.I, Gates.X, Gates.Y, Gates.Z};
        double[][] kraus = new double[16][];
        for (int i = 0; i < 16; i++) {
            // (1−p)ρ + p·I/4⊗Tr ρ = (1−p)ρ + (p/16) Σ_{P} PρP†
            double weight = (i == 0 ? 1 - p : 0) + p / 16;
            kraus[i] = Dense.scale(Gates.tensor(paulis[i >> 2], paulis[i & 3]), Math.sqrt(weight));
        }
        StateEngine builtIn = new StateEngine();
        StateEngine viaKraus = new StateEngine();
        for (int k = 0; k < 3; k++) {
            builtIn.allocate();
            viaKraus.allocate();
        }
        int[] all = {0, 1, 2};
        builtIn.setState(all, rho);
        viaKraus.setState(all, rho);
        builtIn.depolarize(2, 0, p);
        viaKraus.applyKraus(2, 0, kraus);
        assertMatrixEquals(viaKraus.densityMatrix(all), builtIn.densityMatrix(all), EPS, "2-qubit depolarising");
    }

    @Test
    void randomKrausChannelsPreserveTrace() {
        SplittableRandom rng = new SplittableRandom(13);
        StateEngine engine = new StateEngine();
        int[] q = new int[4];
        for (int k = 0; k < 4; k++) {
            q[k] = engine.allocate();
        }
        engine.setState(q, Dense.randomDensity(16, rng));
        for (int round = 0; round < 20; round++) {
            engine.applyKraus(q[round % 4], Dense.randomKraus(2, 1 + round % 3, rng));
            engine.applyKraus(q[round % 4], q[(round + 2) % 4], Dense.randomKraus(4, 1 + round % 4, rng));
            assertEquals(1.0, Dense.realTrace(engine.densityMatrix(q)), EPS, "round " + round);
        }
    }
}
