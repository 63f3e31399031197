package org.qnetstack.examples;

import org.qnetstack.hal.NodeSpec;
import org.qnetstack.sim.device.DeviceParameters;

/**
 * What the physics says the examples should measure, from the link's heralded state and the devices'
 * noise parameters (docs/physics.md). Pauli channels are kept as 4 probabilities indexed like Bell states,
 * k = 2x + z for X^x Z^z: a pair with Bell coefficients c teleports through the channel c.
 */
public final class Predictions {
    private Predictions() {
    }

    /** The simulated device parameters of a node, as configured. */
    public static DeviceParameters device(NodeSpec node) {
        return DeviceParameters.of(node.device(), node.overrides());
    }

    /**
     * Bell coefficients of a heralded Ψ+ state (row-major complex 4×4) relative to Ψ+: entry k is the
     * weight of X^x Z^z applied to Ψ+, i.e. of Bell index 2 XOR k.
     */
    public static double[] bellCoefficientsRelativeToPsiPlus(double[] rho) {
        double[] c = new double[4];
        for (int k = 0; k < 4; k++) {
            c[k] = bellWeight(rho, 2 ^ k);
        }
        return c;
    }

    /** ⟨β_b|ρ|β_b⟩ for the real Bell vectors of docs/physics.md. */
    static double bellWeight(double[] rho, int b) {
        double s = 1 / Math.sqrt(2);
        double[] v = switch (b) {
            case 0 -> new double[] {s, 0, 0, s};
            case 1 -> new double[] {s, 0, 0, -s};
            case 2 -> new double[] {0, s, s, 0};
            default -> new double[] {0, s, -s, 0};
        };
        double f = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                f += v[i] * rho[2 * (4 * i + j)] * v[j];
            }
        }
        return f;
    }

    /**
     * Expected QBER of BBM92 on sifted bits (half in Z, half in X), both sides correcting to Φ+, from
     * the heralded Ψ+ state and each side's readout errors and basis-rotation noise.
     */
    public static double bbm92Qber(double[] rho, DeviceParameters a, DeviceParameters b) {
        return (basisError(rho, a, b, false) + basisError(rho, a, b, true)) / 2;
    }

    /** Expected error rate of pairs measured in Z at both ends (no rotation), readout errors included. */
    public static double zBasisQber(double[] rho, DeviceParameters a, DeviceParameters b) {
        return basisError(rho, a, b, false);
    }

    private static double basisError(double[] rho, DeviceParameters a, DeviceParameters b, boolean xBasis) {
        // Outcome distribution in the basis: for X, rotate both qubits by H first.
        double[] p = new double[4];
        for (int outcome = 0; outcome < 4; outcome++) {
            p[outcome] = xBasis ? diagonalAfterHadamards(rho, outcome) : rho[2 * (5 * outcome)];
        }
        double[] observed = new double[4];
        for (int i = 0; i < 4; i++) {
            int ta = i >> 1;
            int tb = i & 1;
            for (int oa = 0; oa < 2; oa++) {
                for (int ob = 0; ob < 2; ob++) {
                    observed[2 * oa + ob] += p[i] * observe(ta, oa, a, xBasis) * observe(tb, ob, b, xBasis);
                }
            }
        }
        // Ψ+ after the receiver's Φ+ correction: Z outcomes should differ before correction, X agree.
        return xBasis ? observed[1] + observed[2] : observed[0] + observed[3];
    }

    /** P(reading {@code seen} | true outcome {@code truth}): rotation noise randomises, readout flips. */
    private static double observe(int truth, int seen, DeviceParameters d, boolean rotated) {
        double randomise = rotated ? d.gateCommunicationError() : 0;
        double p1 = (1 - randomise) * truth + randomise * 0.5; // P(true outcome 1) after the rotation's noise
        double read1 = p1 * (1 - d.readoutError1()) + (1 - p1) * d.readoutError0();
        return seen == 1 ? read1 : 1 - read1;
    }

    private static double diagonalAfterHadamards(double[] rho, int outcome) {
        double[][] h = {{1, 1}, {1, -1}};
        double v = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double u = h[outcome >> 1][i >> 1] * h[outcome & 1][i & 1] * h[outcome >> 1][j >> 1] * h[outcome & 1][j & 1];
                v += u * rho[2 * (4 * i + j)] / 4;
            }
        }
        return v;
    }

    /**
     * The fidelity each of n links must give so that n Werner pairs, swapped perfectly, reach f end to end:
     * w_link = w^(1/n) with w = (4f − 1)/3 (docs/physics.md: swapping multiplies Werner weights). The network layer
     * asks each link of a chain for this.
     */
    public static double perLinkFidelity(double f, int links) {
        double w = Math.max(0, (4 * f - 1) / 3);
        return (3 * Math.pow(w, 1.0 / links) + 1) / 4;
    }

    /**
     * The Bell coefficients of an end-to-end pair made by swapping pairs with these Bell coefficients
     * (each relative to its reported Bell state) with perfect Bell-state measurements: a Pauli error on a
     * link pair passes through the swap unchanged, so the channels compose. For Werner pairs this is the
     * swap formula w = w₁·w₂, F = F₁F₂ + (1 − F₁)(1 − F₂)/3. Entry 0 is the end-to-end fidelity.
     */
    public static double[] swapped(java.util.List<double[]> linkCoefficients) {
        double[] c = identity();
        for (double[] link : linkCoefficients) {
            c = compose(c, link);
        }
        return c;
    }

    /** The Bell-diagonal state with these coefficients relative to Ψ+ (entry k: Bell index 2 XOR k), as a 4×4 ρ. */
    public static double[] bellDiagonalAroundPsiPlus(double[] c) {
        double s = 1 / Math.sqrt(2);
        double[][] bell = {{s, 0, 0, s}, {s, 0, 0, -s}, {0, s, s, 0}, {0, s, -s, 0}};
        double[] rho = new double[32];
        for (int k = 0; k < 4; k++) {
            double[] v = bell[2 ^ k];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    rho[2 * (4 * i + j)] += c[k] * v[i] * v[j];
                }
            }
        }
        return rho;
    }

    /**
     * CHSH S as {@link ChshExample} measures it (each pair's correlators folded by its Bell state's signs), from
     * the pair's Bell coefficients c relative to its heralded Ψ± and both ends' measurement noise. The pair's
     * folded correlations are ⟨ZZ⟩ = 1 − 2(c_X + c_Y) and ⟨XX⟩ = 1 − 2(c_Z + c_Y), each setting pair
     * contributing ±1/√2 of one of them. Every rotation before the Z readout depolarises with the device's
     * communication-qubit gate error g (Bloch vector × (1 − g)): none for Alice's Z, one for her X, one for
     * Bob's (Z + X)/√2 and two for his (Z − X)/√2, which the device reaches by a Z rotation of π and then a Y
     * rotation. Readout flips 0 with e₀ and 1 with e₁, so a ±1 outcome a reads as (1 − e₀ − e₁)·a + (e₁ − e₀);
     * the marginals of a Bell-diagonal pair vanish, leaving ⟨A'B'⟩ = r_A·r_B·⟨AB⟩ + d_A·d_B, where the d_A·d_B
     * of the four correlators adds 2·s_Z·d_A·d_B to S (s_Z = −1 for Ψ±). Left out: memory decay during the
     * rotations and readout (nanoseconds to microseconds against T2 of a second or more) and any part of the
     * heralded state that is not Bell-diagonal. Without noise this is 2√2·(1 − c_X − c_Z − 2c_Y).
     */
    public static double chsh(double[] c, DeviceParameters alice, DeviceParameters bob) {
        double zz = 1 - 2 * (c[2] + c[3]);
        double xx = 1 - 2 * (c[1] + c[3]);
        double ga = alice.gateCommunicationError();
        double gb = bob.gateCommunicationError();
        double ra = 1 - alice.readoutError0() - alice.readoutError1();
        double rb = 1 - bob.readoutError0() - bob.readoutError1();
        double da = alice.readoutError1() - alice.readoutError0();
        double db = bob.readoutError1() - bob.readoutError0();
        double bobRotations = (1 - gb) + (1 - gb) * (1 - gb);
        return ra * rb * bobRotations * (zz + (1 - ga) * xx) / Math.sqrt(2) - 2 * da * db;
    }

    /** Teleportation's average fidelity through a Werner-like resource of fidelity F: (2F+1)/3. */
    public static double teleportFromPairFidelity(double f) {
        return (2 * f + 1) / 3;
    }

    /**
     * Teleportation's average fidelity over uniformly random input states, with the pair's Bell
     * coefficients, the sender's preparation (initialisation and two rotations on a storage qubit),
     * CNOT, Hadamard and readout errors, and the receiver's corrections on its communication qubit.
     */
    public static double teleportWithDeviceNoise(double[] pairCoefficients, DeviceParameters sender,
                                                 DeviceParameters receiver) {
        double prep = 1 - (1 - sender.initStorageError()) * Math.pow(1 - sender.gateStorageError(), 2);
        double[] channel = pairCoefficients.clone();
        channel = compose(channel, depolarising(prep));
        channel = compose(channel, depolarising(sender.twoQubitGateError()));
        double h = sender.gateStorageError();
        channel = compose(channel, new double[] {1 - h / 2, h / 2, 0, 0});
        double r = (sender.readoutError0() + sender.readoutError1()) / 2;
        channel = compose(channel, new double[] {1 - r, r, 0, 0});
        channel = compose(channel, new double[] {1 - r, 0, r, 0});
        double[] halfTheTime = mix(identity(), depolarising(receiver.gateCommunicationError()));
        channel = compose(channel, halfTheTime);
        channel = compose(channel, halfTheTime);
        return (2 * channel[0] + 1) / 3;
    }

    static double[] identity() {
        return new double[] {1, 0, 0, 0};
    }

    /** ρ → (1−p)ρ + p·I/2 as a Pauli channel. */
    static double[] depolarising(double p) {
        return new double[] {1 - 3 * p / 4, p / 4, p / 4, p / 4};
    }

    private static double[] mix(double[] a, double[] b) {
        double[] m = new double[4];
        for (int k = 0; k < 4; k++) {
            m[k] = (a[k] + b[k]) / 2;
        }
        return m;
    }

    /** Two Pauli channels one after the other: the Paulis multiply, so the indices XOR. */
    static double[] compose(double[] a, double[] b) {
        double[] c = new double[4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                c[i ^ j] += a[i] * b[j];
            }
        }
        return c;
    }
}
