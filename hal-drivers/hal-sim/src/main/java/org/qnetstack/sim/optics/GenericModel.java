package org.qnetstack.sim.optics;

import static org.qnetstack.sim.optics.SingleClickModel.D0;
import static org.qnetstack.sim.optics.SingleClickModel.NONE;

import org.qnetstack.sim.device.DeviceParameters;
import org.qnetstack.sim.optics.SingleClickModel.Outcomes;

/**
 * The generic link of other SDKs (NetSquid/SquidASM's "depolarise" link): each attempt succeeds with
 * probability p and then delivers a Werner state of fidelity F, ρ = w|Ψ+⟩⟨Ψ+| + (1−w)I/4 with
 * w = (4F−1)/3, independent of α, length and optics; an attempt takes the link's {@code cycleTime}.
 * Patterns: {@code D0} success (Ψ+), {@code NONE} failure (spins left in |00⟩); {@code D1}, {@code BOTH}
 * never occur.
 */
public final class GenericModel {
    private GenericModel() {
    }

    /** One attempt: success with probability {@code successProbability}, a Werner pair of {@code fidelity}. */
    public static Outcomes attempt(double fidelity, double successProbability) {
        if (!(fidelity >= 0 && fidelity <= 1 && successProbability >= 0 && successProbability <= 1)) {
            throw new IllegalArgumentException("F and p must be in [0, 1]: " + fidelity + ", " + successProbability);
        }
        double[][] states = new double[4][16];
        Heralding.add(states[D0], successProbability, Heralding.wernerPsiPlus(fidelity, 1));
        Heralding.add(states[NONE], 1 - successProbability, Heralding.bothEmpty());
        return new Outcomes(states);
    }

    /** One attempt with the link's {@code linkFidelity} and {@code linkSuccessProbability}. */
    public static Outcomes attempt(DeviceParameters link) {
        return attempt(link.linkFidelity(), link.linkSuccessProbability());
    }
}
