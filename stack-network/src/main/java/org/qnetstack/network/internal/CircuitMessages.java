package org.qnetstack.network.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Basis;
import org.qnetstack.link.BasisChoice;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.network.DistillationProtocol;
import org.qnetstack.network.Distillation;

/** The network layer's messages along a circuit. */
final class CircuitMessages {
    static final String PROTOCOL = "network";

    private CircuitMessages() {
    }

    /**
     * From the head to every node of the path: make one end-to-end pair for the socket. Each hop's first
     * node asks its link layer for kept pairs with the circuit's purpose id and the hop's minimum fidelity
     * ({@code hopFidelities}, one per hop), distils them as the circuit's distillation says and enforces its
     * cutoff (0 for none). With {@code measure}, each end measures its half of the end-to-end pair as soon as it
     * holds it, in the basis {@code measure} chooses for it; null for a pair the ends keep. With {@code testing},
     * the request measures its fidelity: the ends know the interval's confidence, and whether this circuit's pair
     * is a test pair, which they measure in its basis and never deliver (null for a request without tests).
     */
    record Setup(String circuit, int purposeId, List<String> path, int socketId, List<Double> hopFidelities,
                 @Nullable Distillation distillation, long cutoffNanos, @Nullable Measured measure,
                 @Nullable Testing testing) {
        /** A circuit of a request without test pairs. */
        Setup(String circuit, int purposeId, List<String> path, int socketId, List<Double> hopFidelities,
              @Nullable Distillation distillation, long cutoffNanos, @Nullable Measured measure) {
            this(circuit, purposeId, path, socketId, hopFidelities, distillation, cutoffNanos, measure, null);
        }

        /** A circuit whose pair the ends keep. */
        Setup(String circuit, int purposeId, List<String> path, int socketId, List<Double> hopFidelities,
              @Nullable Distillation distillation, long cutoffNanos) {
            this(circuit, purposeId, path, socketId, hopFidelities, distillation, cutoffNanos, null);
        }

        boolean wellFormed() {
            return wellShaped() && distinct(path);
        }

        /** The checks of {@link #wellFormed} but the O(N) one, {@link #distinct}. */
        boolean wellShaped() {
            return path.size() >= 2 && hopFidelities.size() == path.size() - 1 && cutoffNanos >= 0
                    && (measure == null || measure.head() != null && measure.tail() != null)
                    && (testing == null || testing.confidence() > 0 && testing.confidence() < 1);
        }

        /** The basis both ends measure this circuit's pair in, if it is a test pair; null if it is delivered. */
        @Nullable Basis testBasis() {
            return testing == null ? null : testing.basis();
        }

        /** How this node measures its half, if the circuit's pair is measured directly: null if it is kept. */
        @Nullable BasisChoice basisAt(int index) {
            if (measure == null || index != 0 && index != path.size() - 1) {
                return null;
            }
            Basis test = testBasis();
            if (test != null) {
                return BasisChoice.fixed(test);
            }
            return index == 0 ? measure.head() : measure.tail();
        }

        /**
         * No name twice, and none missing. Every node of the path checks every setup, so this is O(N²) per end-to-end pair over
         * the whole chain: an open-addressing table of path indices on the names' cached hash codes, not a
         * stream's distinct() or a HashSet (their per-entry objects dominated a 1000-node chain's time).
         */
        static boolean distinct(List<String> path) {
            int n = path.size();
            int bits = 33 - Integer.numberOfLeadingZeros(2 * n); // at least twice as many slots as names
            int mask = (1 << bits) - 1;
            int[] slots = new int[mask + 1]; // path index + 1; 0 = empty
            for (int i = 0; i < n; i++) {
                String name = path.get(i);
                if (name == null) {
                    return false;
                }
                int h = name.hashCode();
                // Fibonacci hashing: names like n1, n2, … have neighbouring hash codes, which would cluster.
                for (int j = (h * 0x9E3779B9) >>> (32 - bits); ; j = (j + 1) & mask) {
                    if (slots[j] == 0) {
                        slots[j] = i + 1;
                        break;
                    }
                    if (path.get(slots[j] - 1).equals(name)) {
                        return false;
                    }
                }
            }
            return true;
        }

        int rounds() {
            return distillation == null ? 0 : distillation.rounds();
        }
    }

    /**
     * A tested request's word in each set-up: the basis of this circuit's test pair (null: the pair is delivered),
     * and the confidence of the measured interval.
     */
    record Testing(@Nullable Basis basis, double confidence) {
    }

    /**
     * From one end of a test pair's circuit to the other: the outcome of measuring its half in the set-up's test
     * basis (as measured, not corrected: the receiver compares with the pair's Bell state).
     */
    record TestOutcome(String circuit, Basis basis, int outcome) {
    }

    /**
     * A setup path checked once for every node that receives it: whether it names no node twice, and each
     * name's index. In one process every node of a circuit gets the same (immutable) path object, and checking
     * it and finding its place at each node was O(N) per node, O(N²) per circuit; the last path checked is kept
     * (by identity, replaced whole, so any thread may ask), which makes it O(N) per circuit.
     */
    record CheckedPath(List<String> path, boolean distinct, java.util.Map<String, Integer> index) {
        private static volatile @Nullable CheckedPath last;

        static CheckedPath of(List<String> path) {
            CheckedPath c = last;
            if (c == null || c.path() != path) {
                java.util.Map<String, Integer> index = new java.util.HashMap<>();
                boolean distinct = Setup.distinct(path);
                if (distinct) {
                    for (int i = 0; i < path.size(); i++) {
                        index.put(path.get(i), i);
                    }
                }
                c = new CheckedPath(path, distinct, index);
                last = c;
            }
            return c;
        }

        /** The node's index in the path, or −1. */
        int indexOf(String node) {
            Integer i = index.get(node);
            return i == null ? -1 : i;
        }
    }

    /** How the head and the tail each choose the axis to measure their half of a measure-directly pair along. */
    record Measured(BasisChoice head, BasisChoice tail) {
    }

    /**
     * From a repeater to both ends: it swapped its half of link pair {@code left} (towards the head) with
     * its half of {@code right} (towards the tail) and the Bell-state measurement gave {@code bsm};
     * {@code born} is the herald time of the oldest pair that went into either half.
     */
    record Swapped(String circuit, EntanglementId left, int leftBell, EntanglementId right, int rightBell, int bsm,
                   double leftFidelity, double rightFidelity, long born) {
    }

    /**
     * From a hop's first node (the leader) to the other: it applied its half of a distillation round to pairs
     * {@code first} and {@code second} and measured {@code outcome}; {@code firstTwirl} and {@code secondTwirl}
     * are the BBPSSW twirls it drew, one for each pair (0 for DEJMPS).
     */
    record Distil(String circuit, long job, EntanglementId first, EntanglementId second,
                  DistillationProtocol protocol, int firstTwirl, int secondTwirl, int outcome) {
        DistillationRound.Twirls twirls() {
            return new DistillationRound.Twirls(firstTwirl, secondTwirl);
        }
    }

    /** The follower's outcome for a distillation job: the answer that completes the round trip. */
    record DistilReply(String circuit, long job, int outcome) {
    }

    /**
     * To every node of a circuit: the sender gave the circuit up (a pair passed its cutoff, or a distillation
     * round got no answer); free its qubits. Resent until acknowledged.
     */
    record Expire(String circuit, String reason) {
    }

    record ExpireAck(String circuit) {
    }
}
