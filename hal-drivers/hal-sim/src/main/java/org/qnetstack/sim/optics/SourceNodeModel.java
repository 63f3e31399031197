package org.qnetstack.sim.optics;

import static org.qnetstack.sim.optics.SingleClickModel.D0;
import static org.qnetstack.sim.optics.SingleClickModel.NONE;

import org.qnetstack.sim.device.DeviceParameters;
import org.qnetstack.sim.optics.SingleClickModel.Outcomes;

/**
 * A source at a node (RFC 9340 §4.4.1): node A's spin emits a photon entangled with it, the photon travels
 * the whole link to node B, whose memory absorbs it and heralds the absorption. Spin order (A, B) =
 * (emitter, absorber).
 *
 * <p>The spin–photon state is emitted as a Werner state around Ψ+ of fidelity F_e (after absorption the
 * photon's qubit is B's). A double excitation of A's emitter leaves a first photon in the environment in
 * either emission branch (a different time bin in each), so the |01⟩/|10⟩ coherence is multiplied by the
 * overlap √(1−p_de)·√(1−p_de) = 1 − p_de. Phase noise between interferometer arms does not apply: the
 * qubit travels in one photon. B's herald detector has dark-count probability d; a false herald leaves A
 * with half of a lost pair (I/2) and B's memory in its initialised |0⟩.
 * With η = η_emission,A · 10^(−a·L/10) · η_abs,B:
 * <ul>
 * <li>P(success) = η + d(1−η);
 * <li>F = (η·F' + d(1−η)/4) / (η + d(1−η)), F' = F_e's state after the double-excitation factor:
 *     F' = (1 + w) / 4 + w(1 − p_de)/2 with w = (4F_e − 1)/3.
 * </ul>
 *
 * <p>Patterns in the returned {@link Outcomes}: {@code D0} B heralded (Ψ+), {@code NONE} it did not;
 * {@code D1} and {@code BOTH} never occur.
 */
public final class SourceNodeModel {
    private SourceNodeModel() {
    }

    /**
     * The outcome distribution of one attempt.
     *
     * @param emissionFidelity   Werner fidelity F_e of the emitted spin–photon state to Ψ+
     * @param eta                probability that the photon is emitted, crosses the fibre and is absorbed
     *                           and heralded by B
     * @param darkCount          probability that B heralds with nothing absorbed
     * @param doubleExcitation   probability p_de that A's emitter is excited twice
     */
    public static Outcomes attempt(double emissionFidelity, double eta, double darkCount, double doubleExcitation) {
        for (double p : new double[] {emissionFidelity, eta, darkCount, doubleExcitation}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probabilities must be in [0, 1]: " + p);
            }
        }
        double[][] truth = new double[4][16];
        Heralding.add(truth[NONE], 1 - eta, Heralding.mixedAEmptyB());
        Heralding.add(truth[D0], eta, Heralding.wernerPsiPlus(emissionFidelity, 1 - doubleExcitation));
        // One herald detector, at B: the second detector of the shared machinery is absent (no dark counts).
        return new Outcomes(Heralding.withDarkCounts(truth, darkCount, 0));
    }

    /**
     * One attempt on a link of {@code lengthKm} from {@code emitter} to {@code absorber}: F_e from the link's
     * {@code pairSourceFidelity}, dark counts from the link, η = the emitter's emission efficiency × the
     * fibre over the whole length × the absorber's {@code absorptionEfficiency}, p_de the emitter's.
     */
    public static Outcomes attempt(DeviceParameters emitter, DeviceParameters absorber, DeviceParameters link,
                                   double lengthKm) {
        double eta = emitter.emissionEfficiency() * DeviceParameters.transmissivity(link.attenuationDbPerKm(), lengthKm)
                * absorber.absorptionEfficiency();
        return attempt(link.pairSourceFidelity(), eta, link.darkCountProbability(),
                emitter.doubleExcitationProbability());
    }
}
