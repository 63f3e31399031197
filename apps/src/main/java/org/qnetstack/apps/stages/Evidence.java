package org.qnetstack.apps.stages;

import java.util.List;

/** Arithmetic shared by the evidence records: Bell-state fidelity from the error rates of three parities. */
final class Evidence {
    private Evidence() {
    }

    /**
     * 1 − F of a two-qubit state to its Bell state, F = (1 + |⟨XX⟩| + |⟨YY⟩| + |⟨ZZ⟩|)/4 with each correlator
     * 1 − 2e, so 1 − F = (e_Z + e_X + e_Y)/2; at the upper ends of the error rates' intervals.
     */
    static double infidelityUpper(List<Proportion> errors) {
        return errors.stream().mapToDouble(Proportion::high).sum() / 2;
    }

    /** 1 − F at the point estimates. */
    static double infidelity(List<Proportion> errors) {
        return errors.stream().mapToDouble(Proportion::estimate).sum() / 2;
    }
}
