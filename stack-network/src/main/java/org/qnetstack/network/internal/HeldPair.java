package org.qnetstack.network.internal;

import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.RequestType;

/**
 * A link pair a node holds for a circuit, possibly distilled: its Bell index and state estimate after the
 * rounds it went through ({@code level} of them), and the herald time of its oldest constituent, from which
 * the cutoff counts.
 */
record HeldPair(LinkPair link, int bell, BellDiagonal estimate, long born, int level) {
    static HeldPair of(LinkPair link) {
        return new HeldPair(link, link.bellIndex(), BellDiagonal.werner(link.goodness()), link.goodnessTime(), 0);
    }

    EntanglementId id() {
        return link.entanglementId();
    }

    int qubit() {
        return link.qubit();
    }

    /** The pair as the circuit's swap and join see it: the link pair with its current Bell index and estimate. */
    LinkPair asLinkPair(long now) {
        return new LinkPair(link.createId(), link.entanglementId(), link.purposeId(), link.remoteNode(),
                RequestType.KEEP, bell, estimate.fidelity(), now, link.qubit(), null, -1);
    }
}
