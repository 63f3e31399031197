package org.qnetstack.api.internal;

import org.qnetstack.api.Basis;
import org.qnetstack.api.Qubit;
import org.qnetstack.api.QubitReleasedException;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.QubitAddress;
import org.qnetstack.hal.TwoQubitGate;
import reactor.core.publisher.Mono;

/** A program's handle on one physical qubit of its node. */
final class QubitImpl implements Qubit {
    private final NodeRuntime node;
    private final int index;
    private boolean released;

    QubitImpl(NodeRuntime node, int index) {
        this.node = node;
        this.index = index;
    }

    int index() {
        return index;
    }

    private void check() {
        if (released) {
            throw new QubitReleasedException(address().toString());
        }
    }

    private Qubit gate(Gate gate) {
        check();
        node.operations().apply(gate, index);
        return this;
    }

    private Qubit rotation(Axis axis, double radians) {
        check();
        node.operations().rotate(axis, radians, index);
        return this;
    }

    @Override
    public Qubit x() {
        return gate(Gate.X);
    }

    @Override
    public Qubit y() {
        return gate(Gate.Y);
    }

    @Override
    public Qubit z() {
        return gate(Gate.Z);
    }

    @Override
    public Qubit h() {
        return gate(Gate.H);
    }

    @Override
    public Qubit s() {
        return gate(Gate.S);
    }

    @Override
    public Qubit t() {
        return gate(Gate.T);
    }

    @Override
    public Qubit rotX(double radians) {
        return rotation(Axis.X, finite(radians));
    }

    @Override
    public Qubit rotY(double radians) {
        return rotation(Axis.Y, finite(radians));
    }

    @Override
    public Qubit rotZ(double radians) {
        return rotation(Axis.Z, finite(radians));
    }

    private static double finite(double radians) {
        if (!Double.isFinite(radians)) {
            throw new org.qnetstack.api.ApiMisuseException("radians", "a rotation angle must be a finite number "
                    + "(was " + radians + "); check the computation that gave it");
        }
        return radians;
    }

    private Qubit twoQubit(TwoQubitGate gate, Qubit other) {
        check();
        org.qnetstack.api.ApiMisuseException.requireNonNull(other, "other", "give a qubit of " + node.name());
        if (!(other instanceof QubitImpl o) || o.node != node) {
            throw new org.qnetstack.api.ApiMisuseException("other", "both qubits of a two-qubit gate must belong to "
                    + node.name() + "; move a state between nodes by teleporting it");
        }
        o.check();
        node.operations().apply(gate, index, o.index);
        return this;
    }

    @Override
    public Qubit cnot(Qubit target) {
        return twoQubit(TwoQubitGate.CNOT, target);
    }

    @Override
    public Qubit cz(Qubit other) {
        return twoQubit(TwoQubitGate.CZ, other);
    }

    @Override
    public Mono<Integer> measure(Basis basis) {
        org.qnetstack.api.ApiMisuseException.requireNonNull(basis, "basis", "measure in Basis.Z, Basis.X or Basis.Y");
        check();
        return Tracked.mono(() -> "measure of " + this, Mono.fromCallable(() -> {
            check();
            int outcome = node.operations().measure(index, ApiTypes.lower(basis));
            release();
            return outcome;
        }));
    }

    @Override
    public void release() {
        if (!released) {
            released = true;
            node.releaseQubit(index);
        }
    }

    @Override
    public boolean isReleased() {
        return released;
    }

    @Override
    public QubitAddress address() {
        return new QubitAddress(node.name(), index);
    }

    @Override
    public String toString() {
        return address() + (released ? " (released)" : "");
    }
}
