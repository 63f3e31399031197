package org.qnetstack.network.internal;

import java.util.List;
import org.qnetstack.link.EntanglementId;

/** The network layer's messages along a circuit. */
final class CircuitMessages {
    static final String PROTOCOL = "network";

    private CircuitMessages() {
    }

    /**
     * From the head to every node of the path: make one end-to-end pair for the socket. Each hop's first
     * node asks its link layer for one kept pair with the circuit's purpose id.
     */
    record Setup(String circuit, int purposeId, List<String> path, int socketId, double linkMinFidelity) {
    }

    /**
     * From a repeater to both ends: it swapped its half of link pair {@code left} (towards the head) with
     * its half of {@code right} (towards the tail) and the Bell-state measurement gave {@code bsm}.
     */
    record Swapped(String circuit, EntanglementId left, int leftBell, EntanglementId right, int rightBell, int bsm,
                   double leftFidelity, double rightFidelity) {
    }
}
