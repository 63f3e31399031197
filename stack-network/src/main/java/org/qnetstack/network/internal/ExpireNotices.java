package org.qnetstack.network.internal;

/**
 * The circuit give-up notices a node sends: EXPIRE to every other node of a circuit's path that is up,
 * resent with back-off until that node acknowledges it or {@link #GIVE_UP_RTOS} round-trip timeouts pass.
 * A node reported down is not waited for.
 */
final class ExpireNotices {
    /** How many round-trip timeouts a distillation round or an EXPIRE is resent for. */
    static final int GIVE_UP_RTOS = 64;

    private final NodeContext ctx;
    private final Routes routes;

    private record ExpireKey(String circuit, String to) {
    }

    ExpireNotices(NodeContext ctx, Routes routes) {
        this.ctx = ctx;
        this.routes = routes;
    }

    /** How long an acknowledged message is resent for before its sender gives up. */
    long giveUpNanos() {
        return GIVE_UP_RTOS * ctx.retransmitter.rtoNanos();
    }

    /** Tells every other node of the circuit that is up that this node gave it up. */
    void broadcast(CircuitMessages.Setup s, String reason) {
        CircuitMessages.Expire expire = new CircuitMessages.Expire(s.circuit(), reason);
        for (String other : s.path()) {
            if (!other.equals(ctx.node) && !routes.isDown(other)) {
                ctx.retransmitter.send(new ExpireKey(s.circuit(), other), giveUpNanos(),
                        () -> ctx.send(other, expire), () -> {
                        });
            }
        }
    }

    /** An EXPIRE came in: acknowledge it to its sender. */
    void acknowledgeTo(String from, CircuitMessages.Expire x) {
        ctx.send(from, new CircuitMessages.ExpireAck(x.circuit()));
    }

    /** The sender acknowledged this node's EXPIRE: stop resending it there. */
    void onAck(CircuitMessages.ExpireAck a, String from) {
        ctx.retransmitter.acknowledge(new ExpireKey(a.circuit(), from));
    }

    /** The node is down: stop resending to it. */
    void forget(String peer) {
        ctx.retransmitter.cancelIf(k -> k instanceof ExpireKey x && x.to().equals(peer));
    }
}
