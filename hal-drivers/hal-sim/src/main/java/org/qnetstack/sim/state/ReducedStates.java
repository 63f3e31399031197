package org.qnetstack.sim.state;

import java.util.ArrayList;
import java.util.List;

/** Reduced density matrices of any qubits, across groups: partial traces within each, tensor products between. */
final class ReducedStates {
    private ReducedStates() {
    }

    /**
     * Reduced density matrix of the qubits in the given order: the rest of their groups is traced out,
     * and qubits from different groups combine as a tensor product.
     */
    static double[] of(QubitGroups groupsOfQubits, int... qubits) {
        groupsOfQubits.requireDistinctAllocated(qubits);
        int m = qubits.length;
        // Groups in order of first appearance; for each, which request slots it serves.
        List<QubitGroup> groups = new ArrayList<>(2);
        List<int[]> slots = new ArrayList<>(2);
        int[] slotCount = new int[m];
        for (int j = 0; j < m; j++) {
            QubitGroup g = groupsOfQubits.group(qubits[j]);
            int gi = indexOfIdentity(groups, g);
            if (gi < 0) {
                gi = groups.size();
                groups.add(g);
                slots.add(new int[m]);
            }
            slots.get(gi)[slotCount[gi]++] = j;
        }
        double[][] reduced = new double[groups.size()][];
        for (int gi = 0; gi < groups.size(); gi++) {
            QubitGroup g = groups.get(gi);
            int[] masks = new int[slotCount[gi]];
            for (int t = 0; t < masks.length; t++) {
                masks[t] = g.mask(qubits[slots.get(gi)[t]]);
            }
            if (g.bell != null) {
                double[] rho = BellDiagonal.toDensity(g.bell);
                reduced[gi] = isWholeGroupInOrder(g, masks) ? rho : Subsystems.reduce(rho, g.dim(), masks);
            } else {
                reduced[gi] = isWholeGroupInOrder(g, masks) ? g.rho.clone() : Subsystems.reduce(g.rho, g.dim(), masks);
            }
        }
        if (groups.size() == 1) {
            return reduced[0];
        }
        return interleave(reduced, slots, slotCount, m);
    }

    private static boolean isWholeGroupInOrder(QubitGroup g, int[] masks) {
        if (masks.length != g.size()) {
            return false;
        }
        for (int t = 0; t < masks.length; t++) {
            if (masks[t] != 1 << (g.size() - 1 - t)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tensor product of the groups' reduced matrices with their qubits put back into request order:
     * each output index is split into the per-group indices its bits belong to.
     */
    private static double[] interleave(double[][] reduced, List<int[]> slots, int[] slotCount, int m) {
        int dim = 1 << m;
        int groups = reduced.length;
        int[][] local = new int[groups][dim];
        for (int gi = 0; gi < groups; gi++) {
            int k = slotCount[gi];
            int[] groupSlots = slots.get(gi);
            for (int index = 0; index < dim; index++) {
                int l = 0;
                for (int t = 0; t < k; t++) {
                    if ((index & (1 << (m - 1 - groupSlots[t]))) != 0) {
                        l |= 1 << (k - 1 - t);
                    }
                }
                local[gi][index] = l;
            }
        }
        double[] out = new double[2 * dim * dim];
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                double pr = 1;
                double pi = 0;
                for (int gi = 0; gi < groups; gi++) {
                    int gd = 1 << slotCount[gi];
                    int e = 2 * (local[gi][r] * gd + local[gi][c]);
                    double xr = reduced[gi][e];
                    double xi = reduced[gi][e + 1];
                    double nr = pr * xr - pi * xi;
                    pi = pr * xi + pi * xr;
                    pr = nr;
                }
                out[2 * (r * dim + c)] = pr;
                out[2 * (r * dim + c) + 1] = pi;
            }
        }
        return out;
    }

    private static <T> int indexOfIdentity(List<T> list, T item) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == item) {
                return i;
            }
        }
        return -1;
    }
}
