package org.qnetstack.api.stack;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.qnetstack.api.ClassicalSocket;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.Qubit;
import org.qnetstack.api.internal.NodeRuntime;
import org.qnetstack.link.LinkLayer;
import org.qnetstack.network.NetworkLayer;
import reactor.core.publisher.Mono;

/**
 * A node as {@link NodeStack} built it: the application runtime its programs use, over the node's link and
 * network layers. News of another node going down or coming back goes to the layers first (circuits torn down or
 * allowed again, the link ended or served afresh), then to the runtime (its sockets' waiting pairs and demands).
 */
final class LayeredNode implements StackNode {
    private final NodeRuntime runtime;
    private final LinkLayer link;
    private final NetworkLayer network;

    LayeredNode(NodeRuntime runtime, LinkLayer link, NetworkLayer network) {
        this.runtime = runtime;
        this.link = link;
        this.network = network;
    }

    @Override
    public void peerDown(String node) {
        if (runtime.acceptsPeerChange(node)) {
            network.peerDown(node);
            link.peerDown(node);
            runtime.peerDown(node);
        }
    }

    @Override
    public void peerUp(String node) {
        if (runtime.acceptsPeerChange(node)) {
            network.peerUp(node);
            link.peerUp(node);
        }
    }

    @Override
    public void crash() {
        runtime.crash();
    }

    @Override
    public LinkLayer link() {
        return link;
    }

    @Override
    public NetworkLayer network() {
        return network;
    }

    @Override
    public void releaseQubit(int qubit) {
        runtime.releaseQubit(qubit);
    }

    @Override
    public void close() {
        runtime.close();
    }

    @Override
    public String name() {
        return runtime.name();
    }

    @Override
    public EprSocket eprSocket(String remoteNode, int socketId) {
        return runtime.eprSocket(remoteNode, socketId);
    }

    @Override
    public ClassicalSocket classicalSocket(String remoteNode, int channel) {
        return runtime.classicalSocket(remoteNode, channel);
    }

    @Override
    public Qubit qubit() {
        return runtime.qubit();
    }

    @Override
    public int qubitsInUse() {
        return runtime.qubitsInUse();
    }

    @Override
    public long nanos() {
        return runtime.nanos();
    }

    @Override
    public Mono<Void> sleep(Duration duration) {
        return runtime.sleep(duration);
    }

    @Override
    public RandomGenerator random() {
        return runtime.random();
    }

    @Override
    public String toString() {
        return runtime.toString();
    }
}
