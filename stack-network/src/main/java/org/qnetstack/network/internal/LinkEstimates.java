package org.qnetstack.network.internal;

import org.jspecify.annotations.Nullable;
import org.qnetstack.network.Distillation;

/**
 * What distillation does to one link's pairs, from docs/physics.md's formulas on two equal pairs per round:
 * the kept pair's fidelity, how many raw pairs one kept pair costs on average, and the probability that
 * every round of one kept pair's tree succeeds given error-free inputs (used by the fidelity bounds).
 *
 * @param fidelity      fidelity of a pair after the rounds (the input's with no rounds)
 * @param rawPairs      expected raw pairs per kept pair: E_0 = 1, E_j = 2·E_(j−1)/N_j
 * @param treeSuccess   Π_j N_j^(2^(k−j)): every round of the tree that makes one kept pair succeeding
 */
record LinkEstimates(double fidelity, double rawPairs, double treeSuccess) {
    static LinkEstimates of(double fidelity, @Nullable Distillation distillation) {
        BellDiagonal p = BellDiagonal.werner(fidelity);
        double raw = 1;
        double tree = 1;
        int rounds = distillation == null ? 0 : distillation.rounds();
        for (int j = 1; j <= rounds; j++) {
            BellDiagonal.Round r = BellDiagonal.round(distillation.protocol(), p, p);
            raw = 2 * raw / r.successProbability();
            tree *= Math.pow(r.successProbability(), 1 << (rounds - j));
            p = r.kept();
        }
        return new LinkEstimates(p.fidelity(), raw, tree);
    }

    /** Qubits one hop side holds at most: the leader never asks for more than 2^rounds pairs' worth (HopPool). */
    static int qubitsPerHopSide(@Nullable Distillation distillation) {
        return 1 << (distillation == null ? 0 : distillation.rounds());
    }

    /** w = (4F − 1)/3. */
    static double werner(double fidelity) {
        return (4 * fidelity - 1) / 3;
    }

    /** F = (3w + 1)/4. */
    static double fidelity(double werner) {
        return (3 * werner + 1) / 4;
    }

    /**
     * A Werner pair of fidelity F after a Z flip of probability p = (1 − c)/2 (dephasing that leaves
     * coherence c): Φ+ and Φ− exchange weight, F' = F(1 − p) + p(1 − F)/3.
     */
    static double dephased(double fidelity, double coherence) {
        double p = (1 - coherence) / 2;
        return fidelity * (1 - p) + p * (1 - fidelity) / 3;
    }

    /**
     * The fidelity each of n links must reach so that n Werner pairs swapped perfectly reach {@code f}:
     * w_link = w^(1/n) (docs/physics.md: swapping multiplies Werner weights).
     */
    static double perLinkFidelity(double f, int links) {
        double w = Math.max(0, (4 * f - 1) / 3);
        return (3 * Math.pow(w, 1.0 / links) + 1) / 4;
    }

    /**
     * The link fidelity that, distilled as asked on every link and swapped, reaches {@code f} end to end: the
     * distillation formulas are monotonic in the input above F = 1/2, so bisection finds it.
     */
    static double linkFidelityFor(double f, int links, @Nullable Distillation distillation) {
        double target = perLinkFidelity(f, links);
        if (distillation == null) {
            return target;
        }
        double lo = 0.5;
        double hi = 1;
        if (distilled(lo, distillation) >= target) {
            return lo;
        }
        for (int i = 0; i < 50; i++) {
            double mid = (lo + hi) / 2;
            if (distilled(mid, distillation) >= target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static double distilled(double f, Distillation distillation) {
        return of(f, distillation).fidelity();
    }
}
