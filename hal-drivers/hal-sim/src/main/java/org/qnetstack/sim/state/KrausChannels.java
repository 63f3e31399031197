package org.qnetstack.sim.state;

import java.util.Arrays;

/** Kraus channels applied to a group's matrix, reusing buffers: a channel on a large group allocates nothing. */
final class KrausChannels {
    /** Two spare buffers per group size. */
    private final double[][][] spares = new double[StateEngine.MAX_GROUP_QUBITS + 1][][];

    /** Σ K ρ K† on one qubit ({@code maskLo == 0}) or on two (maskHi the most significant). */
    void apply(QubitGroup g, double[][] kraus, int maskHi, int maskLo) {
        int n = g.size();
        int len = g.rho.length;
        double[][] pair = spares[n];
        if (pair == null) {
            pair = new double[][] {new double[len], new double[len]};
            spares[n] = pair;
        }
        double[] sum = pair[0];
        double[] term = pair[1];
        Arrays.fill(sum, 0);
        for (double[] k : kraus) {
            System.arraycopy(g.rho, 0, term, 0, len);
            if (maskLo == 0) {
                DensityOps.sandwich1(term, g.dim(), maskHi, k);
            } else {
                DensityOps.sandwich2(term, g.dim(), maskHi, maskLo, k);
            }
            for (int e = 0; e < len; e++) {
                sum[e] += term[e];
            }
        }
        // The old matrix becomes the next spare, so the swap allocates nothing.
        pair[0] = g.rho;
        g.rho = sum;
    }
}
