package org.qnetstack.sim.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qnetstack.sim.state.Dense.assertMatrixEquals;

import org.junit.jupiter.api.Test;

class GatesTest {
    private static final double EPS = 1e-12;

    @Test
    void constantGatesAreUnitary() {
        double[][] gates = {Gates.I, Gates.X, Gates.Y, Gates.Z, Gates.H, Gates.S, Gates.SDG, Gates.T, Gates.TDG,
                Gates.CNOT, Gates.CZ, Gates.rx(0.3), Gates.ry(-1.1), Gates.rz(2.5)};
        for (double[] u : gates) {
            int d = Dense.dimOf(u);
            assertMatrixEquals(Dense.identity(d), Dense.multiply(u, Dense.dagger(u)), EPS, "U U†");
        }
    }

    @Test
    void algebraicIdentities() {
        assertMatrixEquals(Gates.S, Gates.multiply2(Gates.T, Gates.T), EPS, "T² = S");
        assertMatrixEquals(Gates.Z, Gates.multiply2(Gates.S, Gates.S), EPS, "S² = Z");
        assertMatrixEquals(Gates.I, Gates.multiply2(Gates.S, Gates.SDG), EPS, "S S† = I");
        assertMatrixEquals(Gates.I, Gates.multiply2(Gates.T, Gates.TDG), EPS, "T T† = I");
        assertMatrixEquals(Gates.Z, Gates.multiply2(Gates.H, Gates.multiply2(Gates.X, Gates.H)), EPS, "HXH = Z");
        // XZ = −iY
        assertMatrixEquals(Dense.scale(multiplyByI(Gates.Y), -1), Gates.multiply2(Gates.X, Gates.Z), EPS, "XZ");
        assertMatrixEquals(Gates.SDG, Gates.dagger(Gates.S), EPS, "S†");
    }

    @Test
    void rotationsAreExponentialsOfPaulis() {
        // R(π) = −iσ
        assertMatrixEquals(Dense.scale(multiplyByI(Gates.X), -1), Gates.rx(Math.PI), EPS, "rx(π)");
        assertMatrixEquals(Dense.scale(multiplyByI(Gates.Y), -1), Gates.ry(Math.PI), EPS, "ry(π)");
        assertMatrixEquals(Dense.scale(multiplyByI(Gates.Z), -1), Gates.rz(Math.PI), EPS, "rz(π)");
        assertMatrixEquals(Gates.rx(0.7), Gates.multiply2(Gates.rx(0.3), Gates.rx(0.4)), EPS, "rx additive");
        // rz(θ) = e^{−iθ/2} diag(1, e^{iθ}): T up to phase
        double[] rz = Gates.rz(Math.PI / 4);
        double pr = Math.cos(Math.PI / 8);
        double pi = Math.sin(Math.PI / 8);
        double[] undone = Dense.scale(rz, 1); // multiply by e^{iπ/8}
        for (int k = 0; k < 8; k += 2) {
            double re = rz[k] * pr - rz[k + 1] * pi;
            double im = rz[k] * pi + rz[k + 1] * pr;
            undone[k] = re;
            undone[k + 1] = im;
        }
        assertMatrixEquals(Gates.T, undone, EPS, "rz(π/4) ∝ T");
    }

    @Test
    void cnotControlIsFirstQubit() {
        // |10⟩ → |11⟩, |01⟩ stays
        assertEquals(1.0, Gates.CNOT[2 * (3 * 4 + 2)], 0);
        assertEquals(1.0, Gates.CNOT[2 * (1 * 4 + 1)], 0);
        assertMatrixEquals(Gates.CNOT, Gates.multiply4(Gates.tensor(Gates.I, Gates.H),
                Gates.multiply4(Gates.CZ, Gates.tensor(Gates.I, Gates.H))), EPS, "CNOT = (I⊗H) CZ (I⊗H)");
    }

    @Test
    void bellStatesFollowProjectConvention() {
        double[] phiPlus = Gates.bellState(0);
        for (int x = 0; x < 2; x++) {
            for (int z = 0; z < 2; z++) {
                double[] pauli = Gates.multiply2(x == 1 ? Gates.X : Gates.I, z == 1 ? Gates.Z : Gates.I);
                double[] expected = applyToVector(Gates.tensor(pauli, Gates.I), phiPlus);
                double[] actual = Gates.bellState(2 * x + z);
                // equal up to a global sign (XZ = −ZX gives Ψ− with a minus)
                double overlap = 0;
                for (int k = 0; k < 8; k++) {
                    overlap += expected[k] * actual[k];
                }
                assertEquals(1.0, Math.abs(overlap), EPS, "index " + (2 * x + z));
            }
        }
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                double overlap = 0;
                for (int k = 0; k < 8; k++) {
                    overlap += Gates.bellState(a)[k] * Gates.bellState(b)[k];
                }
                assertEquals(a == b ? 1.0 : 0.0, overlap, EPS);
            }
        }
        assertEquals(-Math.sqrt(0.5), Gates.bellState(3)[2 * 2], EPS, "Ψ− = (|01⟩ − |10⟩)/√2");
        assertThrows(IllegalArgumentException.class, () -> Gates.bellState(4));
    }

    @Test
    void wernerStateHasTheStatedFidelityAndUnitTrace() {
        for (double f : new double[] {0, 0.25, 0.5, 0.8, 0.9, 1}) {
            double[] rho = Gates.werner(f);
            assertEquals(1.0, Dense.realTrace(rho), EPS);
            assertEquals(f, overlap(rho, Gates.bellState(0)), EPS);
            // the other three Bell states share the rest equally
            for (int b = 1; b < 4; b++) {
                assertEquals((1 - f) / 3, overlap(rho, Gates.bellState(b)), EPS);
            }
        }
        assertMatrixEquals(Gates.bellDensity(0), Gates.werner(1), EPS, "Werner(1)");
        assertThrows(IllegalArgumentException.class, () -> Gates.werner(1.1));
    }

    private static double[] multiplyByI(double[] m) {
        double[] out = new double[m.length];
        for (int k = 0; k < m.length; k += 2) {
            out[k] = -m[k + 1];
            out[k + 1] = m[k];
        }
        return out;
    }

    private static double[] applyToVector(double[] u, double[] psi) {
        int d = psi.length / 2;
        double[] out = new double[psi.length];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double ur = u[2 * (r * d + c)], ui = u[2 * (r * d + c) + 1];
                out[2 * r] += ur * psi[2 * c] - ui * psi[2 * c + 1];
                out[2 * r + 1] += ur * psi[2 * c + 1] + ui * psi[2 * c];
            }
        }
        return out;
    }

    /** ⟨ψ|ρ|ψ⟩ for real ψ. */
    static double overlap(double[] rho, double[] psi) {
        int d = psi.length / 2;
        double sum = 0;
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                sum += psi[2 * r] * rho[2 * (r * d + c)] * psi[2 * c];
            }
        }
        return sum;
    }
}
