package org.qnetstack.network.internal;

import org.qnetstack.network.DistillationProtocol;

/**
 * An estimate of a pair's state as a mixture of Bell states, relative to its reported Bell index b:
 * {@code p[d]} is the weight of Bell state b ⊕ d, so {@code p[0]} is the fidelity. Link pairs start as Werner
 * states of their goodness; distillation rounds update the weights by the formulas of docs/physics.md.
 */
record BellDiagonal(double p0, double p1, double p2, double p3) {
    static BellDiagonal werner(double fidelity) {
        double x = (1 - fidelity) / 3;
        return new BellDiagonal(fidelity, x, x, x);
    }

    double fidelity() {
        return p0;
    }

    double get(int d) {
        return switch (d) {
            case 0 -> p0;
            case 1 -> p1;
            case 2 -> p2;
            default -> p3;
        };
    }

    /**
     * One round on two pairs (each relative to its own frame): its success probability and the kept pair's
     * weights relative to the kept pair's new frame. BBPSSW's twirls, one drawn for each pair, leave each pair
     * Werner with its own fidelity (averaged over the draws: the estimate is the mean of the states the rounds make);
     * DEJMPS's rotations exchange the Φ− and Ψ− weights. The bilateral CNOT maps Bell states (x1,z1),(x2,z2)
     * to (x1, z1⊕z2),(x1⊕x2, z2) and the round succeeds when x1 = x2, which gives docs/physics.md's
     * N = (A+B)² + (C+D)², A' = (A²+B²)/N, … for equal pairs.
     */
    static Round round(DistillationProtocol protocol, BellDiagonal first, BellDiagonal second) {
        BellDiagonal a = prepare(protocol, first);
        BellDiagonal b = prepare(protocol, second);
        double[] out = new double[4];
        double n = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if ((i >> 1) == (j >> 1)) {
                    double w = a.get(i) * b.get(j);
                    out[(i & 2) | ((i ^ j) & 1)] += w;
                    n += w;
                }
            }
        }
        return new Round(n, new BellDiagonal(out[0] / n, out[1] / n, out[2] / n, out[3] / n));
    }

    private static BellDiagonal prepare(DistillationProtocol protocol, BellDiagonal pair) {
        return switch (protocol) {
            case BBPSSW -> werner(pair.p0);
            case DEJMPS -> new BellDiagonal(pair.p0, pair.p3, pair.p2, pair.p1);
        };
    }

    record Round(double successProbability, BellDiagonal kept) {
    }
}
