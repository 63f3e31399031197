package org.qnetstack.sim.state;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Which qubits share a state: the ids handed out (lowest free first, so runs are reproducible), each allocated
 * qubit's {@link QubitGroup}, merging two groups by tensor product and taking a qubit out of one by partial trace.
 * A two-qubit group whose state is Bell-diagonal is kept as Bell weights. Single-threaded, like its engine.
 */
final class QubitGroups {
    private QubitGroup[] groupOf = new QubitGroup[16];
    private final BitSet allocated = new BitSet();
    /** No id below this is free: the search for the lowest free id starts here, not at 0 (a million qubits). */
    private int lowestFree;
    /** False only in tests that compare the Bell-diagonal fast path with the dense one. */
    private final boolean bellDiagonalPairs;

    QubitGroups(boolean bellDiagonalPairs) {
        this.bellDiagonalPairs = bellDiagonalPairs;
    }

    boolean keepsBellPairs() {
        return bellDiagonalPairs;
    }

    /** A new qubit in the pure state v, in its own group: the lowest free id. */
    int allocate(double[] v) {
        int q = allocated.nextClearBit(lowestFree);
        lowestFree = q + 1;
        if (q >= groupOf.length) {
            groupOf = Arrays.copyOf(groupOf, Math.max(2 * groupOf.length, q + 1));
        }
        allocated.set(q);
        groupOf[q] = QubitGroup.singleton(q, v);
        return q;
    }

    /** Traces the qubit out of its group and forgets it; the id may be handed out again. */
    void free(int q) {
        detach(q);
        groupOf[q] = null;
        allocated.clear(q);
        lowestFree = Math.min(lowestFree, q);
    }

    boolean isAllocated(int q) {
        return q >= 0 && allocated.get(q);
    }

    QubitGroup group(int q) {
        // An allocated qubit always has a group (detach clears it only until its caller sets a new one):
        // cheaper than asking the BitSet on every gate.
        QubitGroup g = q >= 0 && q < groupOf.length ? groupOf[q] : null;
        if (g == null) {
            throw new IllegalArgumentException("qubit " + q + " is not allocated");
        }
        return g;
    }

    /** Gives q a group of its own (after {@link #detach}). */
    void set(int q, QubitGroup g) {
        groupOf[q] = g;
    }

    /** Puts q1 and q2 into one group, merging theirs by tensor product if needed. */
    QubitGroup merged(int q1, int q2) {
        if (q1 == q2) {
            throw new IllegalArgumentException("two-qubit operation on the same qubit " + q1);
        }
        QubitGroup g1 = group(q1);
        QubitGroup g2 = group(q2);
        if (g1 == g2) {
            return g1;
        }
        int n = g1.size() + g2.size();
        if (n > StateEngine.MAX_GROUP_QUBITS) {
            throw new IllegalStateException("merging would make a group of " + n + " qubits (max "
                    + StateEngine.MAX_GROUP_QUBITS + ")");
        }
        int[] ids = Arrays.copyOf(g1.ids, n);
        System.arraycopy(g2.ids, 0, ids, g1.size(), g2.size());
        QubitGroup g = new QubitGroup(ids, Subsystems.tensor(g1.dense(), g1.dim(), g2.dense(), g2.dim()));
        adopt(g);
        return g;
    }

    /** Takes q out of its group by partial trace; the others keep a group of their own. q is left ungrouped. */
    void detach(int q) {
        QubitGroup g = group(q);
        if (g.bell != null) {
            // Either half of a Bell-diagonal pair is maximally mixed.
            double half = 0.5 * BellDiagonal.sum(g.bell);
            int partner = g.other(q);
            groupOf[partner] = new QubitGroup(new int[] {partner}, new double[] {half, 0, 0, 0, 0, 0, half, 0});
        } else if (g.size() > 1) {
            adopt(compacted(new QubitGroup(g.idsWithout(q), Subsystems.traceOut(g.rho, g.dim(), g.mask(q)))));
        }
        groupOf[q] = null;
    }

    /** Keeps a new two-qubit group as Bell weights if its state is Bell-diagonal. */
    QubitGroup compacted(QubitGroup g) {
        if (bellDiagonalPairs && g.size() == 2) {
            double[] weights = BellDiagonal.fromDensity(g.rho);
            if (weights != null) {
                g.bell = weights;
                g.rho = null;
            }
        }
        return g;
    }

    /** Makes g the group of each of its qubits. */
    void adopt(QubitGroup g) {
        for (int id : g.ids) {
            groupOf[id] = g;
        }
    }

    void requireDistinctAllocated(int[] qubits) {
        if (qubits.length == 0) {
            throw new IllegalArgumentException("no qubits given");
        }
        for (int j = 0; j < qubits.length; j++) {
            group(qubits[j]);
            for (int i = 0; i < j; i++) {
                if (qubits[i] == qubits[j]) {
                    throw new IllegalArgumentException("qubit " + qubits[j] + " given twice");
                }
            }
        }
    }
}
