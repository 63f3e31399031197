package org.qnetstack.sim.optics;

import org.qnetstack.sim.device.DeviceParameters;

/**
 * What the station in the middle of a link does to the photons of one attempt: the efficiency from each
 * node's emitter to a detector click (collection, fibre and detector together), the detectors' dark
 * counts, the photons' two-photon interference visibility, whether the detectors resolve photon number,
 * the interferometer's phase noise and each emitter's double-excitation probability.
 *
 * @param etaA              efficiency from A's emitter to a click, fibre included
 * @param etaB              efficiency from B's emitter to a click, fibre included
 * @param darkCount         probability that a detector fires with no photon in the window
 * @param visibility        two-photon interference visibility V (|⟨a|b⟩|² of the two photons' modes)
 * @param numberResolving   whether a detector tells two photons from one
 * @param phaseNoiseSigma   standard deviation (radians) of the optical phase between the two arms,
 *                          Gaussian and drawn afresh per attempt
 * @param doubleExcitationA probability that A's emitter is excited twice in one pulse
 * @param doubleExcitationB the same for B
 */
public record LinkOptics(double etaA, double etaB, double darkCount, double visibility, boolean numberResolving,
                         double phaseNoiseSigma, double doubleExcitationA, double doubleExcitationB) {

    public LinkOptics {
        probability("etaA", etaA);
        probability("etaB", etaB);
        probability("darkCount", darkCount);
        probability("visibility", visibility);
        probability("doubleExcitationA", doubleExcitationA);
        probability("doubleExcitationB", doubleExcitationB);
        if (!(phaseNoiseSigma >= 0) || Double.isInfinite(phaseNoiseSigma)) {
            throw new IllegalArgumentException("phaseNoiseSigma must be finite and ≥ 0: " + phaseNoiseSigma);
        }
    }

    /** Optics without phase noise or double excitation: the model of the original single-click link. */
    public static LinkOptics of(double etaA, double etaB, double darkCount, double visibility, boolean numberResolving) {
        return new LinkOptics(etaA, etaB, darkCount, visibility, numberResolving, 0, 0, 0);
    }

    /**
     * The optics of a link of {@code lengthKm} with its station at the midpoint. Each node contributes its
     * emitter (emission efficiency, double excitation); the link contributes the fibre, the detectors and the
     * interferometer (its {@link DeviceParameters#LINK_FIELDS}):
     * η_X = emissionEfficiency_X · detectorEfficiency · 10^(−a·L/20).
     */
    public static LinkOptics midpoint(DeviceParameters a, DeviceParameters b, DeviceParameters link, double lengthKm) {
        double fibre = DeviceParameters.transmissivity(link.attenuationDbPerKm(), lengthKm / 2);
        return new LinkOptics(a.emissionEfficiency() * link.detectorEfficiency() * fibre,
                b.emissionEfficiency() * link.detectorEfficiency() * fibre,
                link.darkCountProbability(), link.visibility(), link.photonNumberResolving(), link.phaseNoiseSigma(),
                a.doubleExcitationProbability(), b.doubleExcitationProbability());
    }

    /** Dark-count probability per window from a rate: p_dc = 1 − exp(−R_dc·τ_window) (docs/physics.md). */
    public static double darkCountProbability(double rateHz, double windowNanos) {
        return -Math.expm1(-rateHz * windowNanos * 1e-9);
    }

    /** Mean of e^(iφ) over the Gaussian phase: exp(−σ²/2), the factor on a single-click coherence. */
    public double phaseCoherence() {
        return Math.exp(-phaseNoiseSigma * phaseNoiseSigma / 2);
    }

    /**
     * Factor on the coherence between "A emitted" and "B emitted": a double excitation leaves a first photon
     * in the environment, whose state overlaps the no-extra-photon state by √(1 − p) on each side.
     */
    public double doubleExcitationCoherence() {
        return Math.sqrt((1 - doubleExcitationA) * (1 - doubleExcitationB));
    }

    private static void probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
        }
    }
}
