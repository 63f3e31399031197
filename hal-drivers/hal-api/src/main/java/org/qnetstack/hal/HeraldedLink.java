package org.qnetstack.hal;

/**
 * A heralded link as the stack plans with it: who is at each end, where the station is, how long
 * signals take, and the link's model of success probability and fidelity as functions of the
 * bright-state population α. On hardware the model comes from calibration; in simulation from the
 * device and fibre parameters.
 */
public interface HeraldedLink {
    LinkSpec spec();

    default String name() {
        return spec().name();
    }

    /** One-way delay from the node to the station (photon and classical message alike), in ns. */
    long delayToStationNanos(String node);

    /**
     * From the start of a slot until the station's detectors report that slot's herald, in ns: the
     * photons' flight to the station for the midpoint schemes; for the source schemes also the heralding
     * node's report to the station.
     */
    long heraldDelayNanos();

    /** One-way classical delay between the two end nodes over the link's fibre, in ns. */
    long delayBetweenNodesNanos();

    /** Success probability of one attempt at bright-state population α. */
    double successProbability(double alpha);

    /**
     * The state of the two memories (node A's qubit most significant) when detector 0 heralds Ψ+ at
     * bright-state population α, as a 4×4 density matrix, row-major, real and imaginary parts interleaved
     * (32 doubles). A detector-1 herald gives the same state with Ψ− in place of Ψ+. On hardware this
     * comes from calibration (tomography); in simulation from the model.
     */
    double[] heraldedState(double alpha);

    /** Fidelity of a heralded pair to its Bell state (Ψ+ or Ψ−), at the moment of the herald. */
    default double heraldedFidelity(double alpha) {
        double[] rho = heraldedState(alpha);
        // ⟨Ψ+|ρ|Ψ+⟩ = (ρ[01,01] + ρ[10,10] + 2 Re ρ[01,10]) / 2, indices |01⟩ = 1 and |10⟩ = 2
        return (rho[2 * 5] + rho[2 * 10] + rho[2 * 6] + rho[2 * 9]) / 2;
    }

    /**
     * The attempt period both ends use, in ns: slot k starts at k·slotNanos on the platform clock,
     * long enough for either end to initialise, emit, and measure its communication qubit.
     */
    long slotNanos();

    /** The largest α the hardware allows (0 &lt; α ≤ 0.5 in the single-click scheme). */
    double maxAlpha();

    /** The station's coincidence window: clicks this long after the expected arrival count, in ps. */
    long detectionWindowPs();
}
