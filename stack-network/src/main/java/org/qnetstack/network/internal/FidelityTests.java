package org.qnetstack.network.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qnetstack.hal.Basis;
import org.qnetstack.link.PauliErrorCounts;
import org.qnetstack.network.MeasuredFidelity;

/**
 * The end-to-end test pairs of this node's circuits (see {@link org.qnetstack.network.FidelityTesting}): an end
 * that joined a test pair measured its half in the set-up's basis and tells the other end its outcome
 * (TEST-OUTCOME); once it knows both outcomes it counts the test for the socket and remote node
 * ({@link PauliErrorCounts}, against the pair's Bell state, which both ends know from the swaps). Both ends count
 * the same tests, so both deliver the same figures. The head hears of each count, for verification
 * ({@link HeadDemands#sampled}).
 *
 * <p>An outcome is accepted only from the other end of a circuit this node is an end of, in that circuit's test
 * basis, with an outcome of 0 or 1, and once; anything else is rejected (the caller counts and logs it). The
 * outcomes waiting for their other half are bounded ({@link CircuitParts#MEMORY}), so a peer cannot grow them.
 *
 * <p>Messages in: TEST-OUTCOME; out: TEST-OUTCOME.
 */
final class FidelityTests {
    private final CircuitParts parts;
    /** The counts of each socket and remote node ("socket>remote"). */
    private final Map<String, PauliErrorCounts> counts = new HashMap<>();
    /** One end's outcome of a test pair whose other outcome is not here yet, by circuit. */
    private final Map<String, Outcome> waiting = CircuitParts.bounded();

    /**
     * An outcome of one end: this node's ({@code bellIndex} ≥ 0, the pair's Bell state) or the other end's (−1).
     */
    private record Outcome(int socketId, String remote, Basis basis, int outcome, int bellIndex, double confidence,
                           boolean head) {
        boolean own() {
            return bellIndex >= 0;
        }
    }

    FidelityTests(CircuitParts parts) {
        this.parts = parts;
    }

    private static String key(int socketId, String remote) {
        return socketId + ">" + remote;
    }

    /** What the tests of the socket with the remote node have shown so far, at the confidence. */
    MeasuredFidelity measured(int socketId, String remote, double confidence) {
        PauliErrorCounts c = counts.get(key(socketId, remote));
        return MeasuredFidelity.of(c == null ? new PauliErrorCounts() : c, confidence);
    }

    /**
     * This end measured its half of the circuit's test pair, in Bell state {@code bellIndex}: the other end is
     * told, and the test counts if its outcome is already here.
     */
    void measured(CircuitMessages.Setup s, boolean head, String remote, int bellIndex, Basis basis, int outcome) {
        parts.ctx.send(remote, new CircuitMessages.TestOutcome(s.circuit(), basis, outcome));
        double confidence = s.testing() == null ? 0.95 : s.testing().confidence();
        Outcome own = new Outcome(s.socketId(), remote, basis, outcome, bellIndex, confidence, head);
        Outcome other = waiting.remove(s.circuit());
        if (other == null) {
            waiting.put(s.circuit(), own);
        } else {
            count(own, other);
        }
    }

    /**
     * The other end's outcome of a test pair.
     *
     * @return false if it is malformed or not expected from {@code from} (the caller rejects it)
     */
    boolean onOutcome(CircuitMessages.TestOutcome m, String from) {
        if (m.circuit() == null || m.basis() == null || (m.outcome() != 0 && m.outcome() != 1)) {
            return false;
        }
        Outcome own = waiting.get(m.circuit());
        if (own != null) {
            if (!own.own() || !own.remote().equals(from) || own.basis() != m.basis()) {
                return false;
            }
            waiting.remove(m.circuit());
            count(own, new Outcome(own.socketId(), from, m.basis(), m.outcome(), -1, own.confidence(), own.head()));
            return true;
        }
        Part part = parts.part(m.circuit());
        if (part == null || part.circuit == null || part.setup.testBasis() != m.basis()) {
            return false;
        }
        List<String> path = part.setup.path();
        String remote = part.isHead() ? path.get(path.size() - 1) : path.get(0);
        if (!remote.equals(from)) {
            return false;
        }
        waiting.put(m.circuit(), new Outcome(part.setup.socketId(), from, m.basis(), m.outcome(), -1, 0, false));
        return true;
    }

    private void count(Outcome own, Outcome other) {
        PauliErrorCounts c = counts.computeIfAbsent(key(own.socketId(), own.remote()), k -> new PauliErrorCounts());
        c.record(own.bellIndex(), own.basis(), own.outcome(), other.outcome());
        if (own.head()) {
            parts.head.sampled(own.socketId(), own.remote(), MeasuredFidelity.of(c, own.confidence()));
        }
    }

    /** Forgets the counts of a socket (closed), at every remote node. */
    void forget(int socketId) {
        counts.keySet().removeIf(k -> k.startsWith(socketId + ">"));
        parts.head.forgetTests(socketId);
    }
}
