package org.qnetstack.sim.optics;

import static org.qnetstack.sim.optics.SingleClickModel.BOTH;
import static org.qnetstack.sim.optics.SingleClickModel.D0;
import static org.qnetstack.sim.optics.SingleClickModel.D1;
import static org.qnetstack.sim.optics.SingleClickModel.NONE;

import org.qnetstack.sim.device.DeviceParameters;
import org.qnetstack.sim.optics.SingleClickModel.Outcomes;

/**
 * A source in the middle (RFC 9340 §4.4.1): an entangled-photon source at the midpoint emits a pair with
 * probability p_s per attempt; each photon travels L/2 to a node, whose memory absorbs it and heralds the
 * absorption locally with probability η_abs. The attempt succeeds when both nodes herald.
 *
 * <p>The pair is emitted in a Werner state around Ψ+ of fidelity F_s (Ψ+ because a type-II source emits
 * |HV⟩ + |VH⟩ naturally; a node that wants Φ+ applies X). Multi-pair emission is not modelled. Each node's
 * herald detector has dark-count probability d: a node whose memory absorbed nothing can still herald.
 * A memory that absorbed nothing stays in its initialised |0⟩; one whose partner photon was lost holds
 * half a pair, I/2. With η_X = 10^(−a·L/20)·η_abs,X:
 * <ul>
 * <li>P(success) = p_s·η_A·η_B + d·p_s·(η_A(1−η_B) + (1−η_A)η_B) + d²·(1 − p_s + p_s(1−η_A)(1−η_B));
 * <li>the true herald carries F_s; a single false herald leaves I/2 ⊗ |0⟩ (fidelity 1/4 to Ψ+), a double
 *     false herald |00⟩ (fidelity 0), so F = (p_s·η_A·η_B·F_s + d·p_s(η_A(1−η_B) + (1−η_A)η_B)/4) / P(success).
 * </ul>
 *
 * <p>Patterns in the returned {@link Outcomes}: {@code D0} both nodes heralded (Ψ+); {@code NONE} every
 * failure (neither or only one node heralded); {@code D1} and {@code BOTH} never occur. Interferometric
 * phase noise does not apply (no photons interfere), and neither does double excitation (no spin emits).
 */
public final class MidpointSourceModel {
    private MidpointSourceModel() {
    }

    /**
     * The outcome distribution of one attempt.
     *
     * @param pairProbability probability p_s that the source emits a pair into the two fibres
     * @param pairFidelity    Werner fidelity F_s of the emitted pair to Ψ+
     * @param etaA            probability that A's photon arrives and A's memory absorbs and heralds it
     * @param etaB            the same for B
     * @param darkCount       probability that a node heralds with nothing absorbed
     */
    public static Outcomes attempt(double pairProbability, double pairFidelity, double etaA, double etaB,
                                   double darkCount) {
        for (double p : new double[] {pairProbability, pairFidelity, etaA, etaB, darkCount}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probabilities must be in [0, 1]: " + p);
            }
        }
        // The true events, laid out as two herald detectors: D0 = A's alone, D1 = B's alone.
        double[][] truth = new double[4][16];
        Heralding.add(truth[NONE], 1 - pairProbability + pairProbability * (1 - etaA) * (1 - etaB),
                Heralding.bothEmpty());
        Heralding.add(truth[D0], pairProbability * etaA * (1 - etaB), Heralding.mixedAEmptyB());
        Heralding.add(truth[D1], pairProbability * (1 - etaA) * etaB, Heralding.emptyAMixedB());
        Heralding.add(truth[BOTH], pairProbability * etaA * etaB, Heralding.wernerPsiPlus(pairFidelity, 1));
        double[][] observed = Heralding.withDarkCounts(truth, darkCount, darkCount);
        double[][] states = new double[4][16];
        states[D0] = observed[BOTH];
        for (int pattern : new int[] {NONE, D0, D1}) {
            Heralding.add(states[NONE], 1, observed[pattern]);
        }
        return new Outcomes(states);
    }

    /**
     * One attempt on a link of {@code lengthKm} with the source at the midpoint: p_s and F_s from the link's
     * {@code sourceEfficiency} and {@code pairSourceFidelity}, dark counts from the link, and each node's
     * {@code absorptionEfficiency} times the fibre transmissivity over L/2 (the link's attenuation).
     */
    public static Outcomes attempt(DeviceParameters a, DeviceParameters b, DeviceParameters link, double lengthKm) {
        double fibre = DeviceParameters.transmissivity(link.attenuationDbPerKm(), lengthKm / 2);
        return attempt(link.sourceEfficiency(), link.pairSourceFidelity(), fibre * a.absorptionEfficiency(),
                fibre * b.absorptionEfficiency(), link.darkCountProbability());
    }
}
