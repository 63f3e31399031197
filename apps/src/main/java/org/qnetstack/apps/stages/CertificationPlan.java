package org.qnetstack.apps.stages;

/**
 * How many rounds certification sacrifices, and the protocol shape the memory stage is judged for.
 *
 * @param pairRounds    kept pairs measured at once in each of Z, X and Y (stages 2 and 3)
 * @param storageRounds kept pairs per storage time, measured after both ends held them (stage 4)
 * @param localRounds   local preparations and measurements per state |0⟩, |1⟩, |+⟩, |−⟩ at each node
 * @param gateRounds    local Bell states made with a CNOT per basis Z, X, Y at each node (stage 4)
 * @param rounds        k: communication rounds of the stage-4 protocol the memory must last
 * @param depth         m: depth of the local circuit run in each round
 * @param minFidelity   the fidelity asked of every pair (the link layer picks its α for it); by default 0.8,
 *                      what the generic preset's links give, a balance of rate and fidelity on NV links
 */
public record CertificationPlan(int pairRounds, int storageRounds, int localRounds, int gateRounds, int rounds,
                                int depth, double minFidelity) {
    public CertificationPlan {
        positive("pairRounds", pairRounds);
        positive("storageRounds", storageRounds);
        positive("localRounds", localRounds);
        positive("gateRounds", gateRounds);
        positive("rounds (k)", rounds);
        positive("depth (m)", depth);
        if (!(minFidelity >= 0 && minFidelity <= 1)) {
            throw new IllegalArgumentException("minFidelity must be in [0, 1] (was " + minFidelity + ")");
        }
    }

    /**
     * Enough rounds that a noiseless pair of nodes passes the tightest criterion, ε_P + ε_M ≤ 0.057, at the upper
     * ends of its intervals: with no error in n rounds per basis ε_P ≤ √(5.5/n), so n = 3000 gives 0.043 and
     * leaves 0.014 for ε_M (1000 local rounds per state). 400 stored pairs and 400 local Bell states per basis give
     * ε ≤ 0.12 each to the stage-4 budget of 1/3. k = 4 rounds of depth m = 3 are the blind computation
     * of {@code org.qnetstack.apps.blind}: a three-qubit line, one round to send, three to measure.
     */
    public static CertificationPlan defaults() {
        return new CertificationPlan(3000, 400, 1000, 400, 4, 3, 0.8);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be ≥ 1 (was " + value + ")");
        }
    }
}
