package org.qnetstack.sim.state;

/**
 * Qubits that have interacted and share one state: a dense density matrix, or for a Bell-diagonal pair its four
 * Bell weights. The first id is the most significant qubit of the matrix.
 */
final class QubitGroup {
    final int[] ids;
    /** The density matrix, or null while the group is a pair held as Bell weights. */
    double[] rho;
    /** For a Bell-diagonal pair, its weights in the order (ids[0], ids[1]) (symmetric anyway); else null. */
    double[] bell;

    QubitGroup(int[] ids, double[] rho) {
        this.ids = ids;
        this.rho = rho;
    }

    static QubitGroup bellPair(int a, int b, double[] weights) {
        QubitGroup g = new QubitGroup(new int[] {a, b}, null);
        g.bell = weights;
        return g;
    }

    /** Qubit q alone, in the pure state v ({@code double[4]}). */
    static QubitGroup singleton(int q, double[] v) {
        return new QubitGroup(new int[] {q}, Gates.pureDensity(v));
    }

    int other(int q) {
        return ids[0] == q ? ids[1] : ids[0];
    }

    int size() {
        return ids.length;
    }

    int dim() {
        return 1 << ids.length;
    }

    int position(int q) {
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] == q) {
                return p;
            }
        }
        throw new IllegalStateException("qubit " + q + " missing from its group");
    }

    int mask(int q) {
        return 1 << (ids.length - 1 - position(q));
    }

    /** The dense matrix; a Bell-diagonal pair becomes dense for good (an operation outside the family follows). */
    double[] dense() {
        if (bell != null) {
            rho = BellDiagonal.toDensity(bell);
            bell = null;
        }
        return rho;
    }

    /** The ids but q's, in order. */
    int[] idsWithout(int q) {
        int[] out = new int[ids.length - 1];
        int k = 0;
        for (int id : ids) {
            if (id != q) {
                out[k++] = id;
            }
        }
        return out;
    }
}
