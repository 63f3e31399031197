package org.qnetstack.network.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.link.BasisChoice;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.CircuitId;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.MeasuredFidelity;
import org.qnetstack.network.PairListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entanglement swapping along a circuit: a repeater swaps as soon as it holds a ready pair on each side and
 * reports the Bell-state measurement to both ends (SWAPPED); an end records every report ({@link Circuit}
 * tracks the Bell index, the Pauli frame, through the swaps) and delivers the end-to-end pair once the reports
 * join its own pair to the far end's, unless the joined pair is already older than the circuit's cutoff.
 * A report that comes before this node joined the circuit is kept until it does.
 *
 * <p>An end of a measure-directly circuit measures its half as soon as it holds it and keeps only the axis and
 * the outcome; the outcome is delivered, like a kept pair, once the reports join the pair.
 *
 * <p>A test pair ({@link org.qnetstack.network.FidelityTesting}) is measured at each end once joined, in the
 * set-up's test basis, and handed to {@link FidelityTests} instead of the listener; a delivered pair of a tested
 * request carries what the tests have shown so far.
 *
 * <p>Messages in: SWAPPED (at an end); out: SWAPPED (from a repeater). Pairs out: to the socket's listener.
 */
final class Swaps {
    /** The service's logger, so that one logging level still governs the whole network layer of a node. */
    private static final Logger LOG = LoggerFactory.getLogger(CircuitNetworkService.class);

    private final CircuitParts parts;
    private final NodeContext ctx;
    /** One line per released pair would flood when an application stops listening mid-run. */
    private final RateLimitedLog unlistened = RateLimitedLog.warnings(LOG);
    /** Swap reports for circuits this end has not joined yet. */
    private final Map<String, List<CircuitMessages.Swapped>> earlySwaps = new HashMap<>();

    Swaps(CircuitParts parts) {
        this.parts = parts;
        this.ctx = parts.ctx;
    }

    Map<String, List<CircuitMessages.Swapped>> early() {
        return earlySwaps;
    }

    /** A part was joined: an end takes the swap reports that came before it. */
    void joined(Part part) {
        String circuit = part.setup.circuit();
        if (part.circuit != null) {
            for (CircuitMessages.Swapped early : earlySwaps.getOrDefault(circuit, List.of())) {
                part.circuit.record(early);
            }
        }
        earlySwaps.remove(circuit);
    }

    /** The circuit is over here: its early reports go. */
    void forget(String circuit) {
        earlySwaps.remove(circuit);
    }

    /** A repeater's report: recorded by an end's circuit (delivering if it joins), or kept until this node joins. */
    void onSwapped(CircuitMessages.Swapped s) {
        Part p = parts.part(s.circuit());
        if (p != null && p.circuit != null) {
            p.circuit.record(s);
            parts.cutoffs.rearm(p);
            tryDeliver(p);
        } else if (p == null && !parts.isOver(s.circuit())) {
            earlySwaps.computeIfAbsent(s.circuit(), k -> new ArrayList<>()).add(s);
        }
    }

    /**
     * A hop's pair is ready: an end waits for the swaps (measuring its half first if the pair is measured
     * directly); a repeater swaps once both sides are ready.
     */
    void onReady(Part part, boolean towardsHead, HeldPair pair) {
        if (part.circuit != null) {
            BasisChoice basis = part.setup.basisAt(part.index);
            if (basis == null) {
                part.circuit.local = pair.asLinkPair(ctx.now());
            } else {
                // Measuring now, before the swaps, frees the qubit at once; the repeaters' operations act on
                // other qubits, so the statistics are those of measuring the joined pair.
                // The pair keeps its ids, Bell index and estimate, and the axis and outcome replace the qubit.
                LinkPair held = pair.asLinkPair(ctx.now());
                var axis = basis.pick(ctx.random);
                int outcome = ctx.operations.measureAndRelease(held.qubit(), axis);
                part.circuit.local = new LinkPair(held.createId(), held.entanglementId(), held.purposeId(),
                        held.remoteNode(), RequestType.MEASURE, held.bellIndex(), held.goodness(),
                        held.goodnessTime(), -1, axis, outcome);
            }
            part.circuit.localBorn = pair.born();
            parts.cutoffs.rearm(part);
            tryDeliver(part);
            return;
        }
        if (towardsHead) {
            part.readyHead = pair;
        } else {
            part.readyTail = pair;
        }
        if (part.readyHead == null || part.readyTail == null) {
            parts.cutoffs.rearm(part);
            return;
        }
        HeldPair left = part.readyHead;
        HeldPair right = part.readyTail;
        part.readyHead = null;
        part.readyTail = null;
        int bsm = ctx.operations.bellStateMeasurement(left.qubit(), right.qubit());
        CircuitMessages.Setup s = part.setup;
        CircuitMessages.Swapped swapped = new CircuitMessages.Swapped(s.circuit(), left.id(), left.bell(), right.id(),
                right.bell(), bsm, left.estimate().fidelity(), right.estimate().fidelity(),
                Math.min(left.born(), right.born()));
        ctx.send(s.path().get(0), swapped);
        ctx.send(s.path().get(s.path().size() - 1), swapped);
        parts.finish(part);
    }

    private void tryDeliver(Part part) {
        Circuit c = part.circuit;
        Circuit.Joined joined = c.joined();
        if (joined == null) {
            return;
        }
        CircuitMessages.Setup s = part.setup;
        long now = ctx.now();
        if (s.cutoffNanos() > 0 && now - joined.born() > s.cutoffNanos()) {
            parts.giveUp(part, "the end-to-end pair was " + (now - joined.born()) + " ns old when joined, over the "
                    + "cutoff of " + s.cutoffNanos() + " ns");
            return;
        }
        LinkPair local = c.local;
        c.local = null; // the qubit is the listener's now
        parts.finish(part);
        boolean head = part.isHead();
        String remote = head ? s.path().get(s.path().size() - 1) : s.path().get(0);
        Basis test = s.testBasis();
        if (test != null) {
            // A test pair: measured here in the set-up's basis (a measure-directly end measured it in that basis
            // already, see Setup.basisAt), never delivered; the head goes on with the demand's next pair.
            int outcome = local.qubit() >= 0
                    ? ctx.operations.measureAndRelease(local.qubit(), MeasurementAxis.of(test)) : local.outcome();
            parts.tests.measured(s, head, remote, joined.bellIndex(), test, outcome);
            if (head) {
                parts.head.tested(s);
            }
            return;
        }
        MeasuredFidelity measured = s.testing() == null ? null
                : parts.tests.measured(s.socketId(), remote, s.testing().confidence());
        PairListener listener = ctx.listener(s.socketId());
        FidelityBounds bounds = ctx.controller == null ? FidelityBounds.UNKNOWN
                : ctx.controller.bounds(s.path(), s.distillation(), joined.fidelity(), joined.product(),
                        joined.aligned(), now - joined.born());
        EndToEndPair pair = new EndToEndPair(new CircuitId(s.circuit()), joined.id(), s.socketId(), remote,
                local.type(), joined.bellIndex(), joined.fidelity(), now, local.qubit(), local.axis(),
                local.outcome(), bounds.lower(), bounds.upper(), head ? parts.head.requestServed(s) : null,
                measured);
        if (listener == null) {
            if (local.qubit() >= 0) {
                ctx.operations.release(local.qubit());
            }
            unlistened.log("{}: nobody listens on socket {}; end-to-end pair released", ctx.node, s.socketId());
        } else {
            parts.delivered(s.circuit(), pair);
            listener.onPair(pair);
        }
        if (head) {
            parts.head.delivered(s);
        }
    }
}
