package org.qnetstack.api.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.ClassicalSocket;
import org.qnetstack.api.EprException;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.NoFreeQubitException;
import org.qnetstack.api.NodeCrashedException;
import org.qnetstack.api.Node;
import org.qnetstack.api.PairQuality;
import org.qnetstack.api.Qubit;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.PairListener;
import org.qnetstack.physical.LocalOperations;
import org.qnetstack.physical.QubitMemory;
import org.qnetstack.transport.DeliveryFailedException;
import org.qnetstack.transport.MessageListener;
import org.qnetstack.transport.TransportService;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * One node's application runtime, the {@link Node} its programs use (sockets, qubits, time), over the transport
 * and the node's qubits; built by {@link org.qnetstack.api.stack.NodeStack}, which builds the layers below and
 * validates its options, and hands out the node as a {@code StackNode} that holds both.
 *
 * <p>Faults elsewhere: whoever watches the network (the simulation, or a deployment's world service) tells the
 * node's {@code StackNode} when another node crashed or is cut off, on this node's loop; it tells the layers, then
 * {@link #peerDown}. {@link #crash} stops this node as a crash would.
 */
public final class NodeRuntime implements Node {
    private final String name;
    private final PlatformSpec spec;
    private final Scheduler scheduler;
    private final QubitMemory memory;
    private final LocalOperations operations;
    private final TransportService transport;
    private final ProgramRunner runner;
    private final RandomGenerator random;
    /** What the node's sockets ask their circuits for. */
    private final CircuitPolicy policy;
    /** Plans sockets' qualities with the network's controller. */
    private final QualityPlanner planner;
    /** Whether the controller admits every request, or only those of sockets given a quality. */
    private final boolean admitsEveryRequest;

    /**
     * What turns a socket's quality into the network's policy with the network's controller, and a network's
     * refusal into the API's. Made by the composition root ({@code NodeStack}), the one app-api package that may
     * name the network layer's controller and refusals.
     */
    public interface QualityPlanner {
        /**
         * The policy for a create of this node's with the remote node under the quality, as the controller would
         * admit it now (nothing reserved).
         *
         * @param measured whether the pairs are measured at once (never stored nor distilled)
         * @throws org.qnetstack.api.EprException REFUSED, with the reason, if the network cannot meet it
         */
        CircuitPolicy plan(String remote, PairQuality quality, boolean measured);

        /** The API's form of a network's refusal thrown by a request ({@code EprException} REFUSED), else {@code e}. */
        RuntimeException refusal(RuntimeException e);

        /**
         * The API's form of an error the network reports for a request under way: REFUSED with its reason when the
         * network refused to go on (a verification the test pairs failed), else the error's own code.
         */
        EprException failure(NetworkError error);
    }
    private final Map<Integer, Map<String, PairInbox>> pairInboxes = new HashMap<>();
    private final Map<Integer, Map<String, MessageInbox>> messageInboxes = new HashMap<>();
    private final Set<MonoSink<Void>> sleeping = new LinkedHashSet<>();
    /** Read by program threads; written on the loop while they wait. */
    private volatile boolean crashed;
    private boolean closed;

    /**
     * The runtime over the layers {@link org.qnetstack.api.stack.NodeStack} built: the node's transport, and its
     * physical layer's memory and local operations.
     *
     * @param random    the programs' random stream
     * @param planner   plans sockets' qualities with the network's controller
     * @param admitsEveryRequest whether the controller admits every request (one the user gave), or only those
     *                  of sockets given a {@link org.qnetstack.api.PairQuality} (the platform's own: the others
     *                  stay best effort, as without a controller)
     * @param policy    what the node's sockets ask their circuits for
     */
    public NodeRuntime(String name, PlatformSpec spec, Scheduler scheduler, QubitMemory memory,
            LocalOperations operations, TransportService transport, ProgramRunner runner,
            RandomGenerator random, QualityPlanner planner, boolean admitsEveryRequest, CircuitPolicy policy) {
        this.name = name;
        this.spec = spec;
        this.scheduler = scheduler;
        this.memory = memory;
        this.operations = operations;
        this.transport = transport;
        this.runner = runner;
        this.random = random;
        this.policy = policy;
        this.planner = planner;
        this.admitsEveryRequest = admitsEveryRequest;
    }

    @Override
    public String name() {
        return name;
    }

    /** The gates and measurements the node's programs apply to their qubits. */
    LocalOperations operations() {
        checkAlive();
        return operations;
    }

    TransportService transport() {
        checkAlive();
        return transport;
    }

    private void checkAlive() {
        if (crashed) {
            throw new NodeCrashedException(name);
        }
        if (closed) {
            throw new org.qnetstack.api.ApiMisuseException(null, "the network of node " + name + " was closed; "
                    + "use its nodes only before close() (inside the try-with-resources block)");
        }
    }

    boolean crashed() {
        return crashed;
    }

    /**
     * Whether this runtime takes news of another node going down or coming back: false once it crashed.
     *
     * @throws IllegalArgumentException if the node is unknown or this one
     */
    public boolean acceptsPeerChange(String node) {
        checkOther(node);
        return !crashed;
    }

    /**
     * Another node crashed or is cut off from this one, and the layers below were told (circuits through it torn
     * down, the link to it ended): pairs waiting here from it are released, and the sockets waiting for pairs that
     * can only come through it fail with {@link org.qnetstack.api.EprException} UNREACHABLE naming it; until it
     * is back, requests that need it fail at once. Idempotent.
     *
     * @throws IllegalArgumentException if the node is unknown or this one
     */
    public void peerDown(String node) {
        if (!acceptsPeerChange(node)) {
            return;
        }
        String gone = node + " is down (crashed or cut off): its pairs here were released; retry once it is back";
        for (Map<String, PairInbox> byRemote : pairInboxes.values()) {
            for (Map.Entry<String, PairInbox> e : byRemote.entrySet()) {
                if (e.getKey().equals(node)) {
                    e.getValue().releaseWaiting();
                    e.getValue().failDemands(org.qnetstack.api.EprErrorCode.UNREACHABLE, gone);
                } else {
                    String why = transport.unreachableBecauseDown(e.getKey());
                    if (why != null) {
                        e.getValue().failDemands(org.qnetstack.api.EprErrorCode.UNREACHABLE, why);
                    }
                }
            }
        }
    }

    private void checkOther(String node) {
        if (node.equals(name) || spec.node(node).isEmpty()) {
            throw new IllegalArgumentException("peerDown/peerUp name another node of the network (was '" + node
                    + "' at " + name + ")");
        }
    }

    /** Why pairs with the remote node cannot be had now because nodes are down, or null. */
    @Nullable String unreachableBecauseDown(String remote) {
        return transport.unreachableBecauseDown(remote);
    }

    CircuitPolicy circuitPolicy() {
        return policy;
    }

    QualityPlanner planner() {
        return planner;
    }

    boolean admitsEveryRequest() {
        return admitsEveryRequest;
    }

    private void checkPeer(String remote) {
        org.qnetstack.api.ApiMisuseException.requireNonNull(remote, "remoteNode", "name another node of the network");
        if (remote.equals(name)) {
            throw noRoute(remote, "a node cannot open a socket to itself");
        }
        if (spec.node(remote).isEmpty()) {
            throw noRoute(remote, "no such node (nodes: " + String.join(", ",
                    spec.nodes().stream().map(n -> n.name()).toList()) + ")");
        }
    }

    /** A socket to a node this one cannot reach is the caller's mistake: name a reachable node. */
    private org.qnetstack.api.ApiMisuseException noRoute(String remote, String detail) {
        return new org.qnetstack.api.ApiMisuseException("remoteNode", "no route from " + name + " to " + remote + ": "
                + detail + "; name another node the network's links reach");
    }

    @Override
    public EprSocket eprSocket(String remoteNode, int socketId) {
        checkAlive();
        checkPeer(remoteNode);
        if (!transport.reachable(remoteNode)) {
            throw noRoute(remoteNode, "no path to it in the topology");
        }
        inbox(remoteNode, socketId);
        return new EprSocketImpl(this, remoteNode, socketId);
    }

    PairInbox inbox(String remote, int socketId) {
        checkAlive();
        Map<String, PairInbox> byRemote = pairInboxes.get(socketId);
        if (byRemote == null) {
            Map<String, PairInbox> created = new HashMap<>();
            pairInboxes.put(socketId, created);
            byRemote = created;
            transport.listenPairs(socketId, new PairListener() {
                @Override
                public void onPair(EndToEndPair pair) {
                    inboxOf(created, pair.remoteNode()).onPair(pair);
                }

                @Override
                public void onError(NetworkError error) {
                    EprException failure = planner.failure(error);
                    created.values().forEach(i -> i.onError(error, failure));
                }
            });
        }
        return inboxOf(byRemote, remote);
    }

    private PairInbox inboxOf(Map<String, PairInbox> byRemote, String remote) {
        PairInbox known = byRemote.get(remote); // every pair asks: no capturing lambda for the common case
        if (known != null) {
            return known;
        }
        return byRemote.computeIfAbsent(remote, r -> new PairInbox(name, runner, new PairInbox.Host() {
            @Override
            public void release(EndToEndPair pair) {
                if (pair.qubit() >= 0) {
                    releaseQubit(pair.qubit());
                }
            }

            @Override
            public void cancel(org.qnetstack.network.DemandId request) {
                transport.cancelPairs(request);
            }

            @Override
            public org.qnetstack.hal.TimerHandle schedule(long delayNanos, Runnable task) {
                return scheduler.schedule(delayNanos, task);
            }
        }, name + " socket with " + r));
    }

    @Override
    public ClassicalSocket classicalSocket(String remoteNode, int channel) {
        checkAlive();
        checkPeer(remoteNode);
        messages(remoteNode, channel);
        return new ClassicalSocketImpl(this, remoteNode, channel);
    }

    MessageInbox messages(String remote, int channel) {
        checkAlive();
        Map<String, MessageInbox> byRemote = messageInboxes.get(channel);
        if (byRemote == null) {
            Map<String, MessageInbox> created = new HashMap<>();
            messageInboxes.put(channel, created);
            byRemote = created;
            transport.listen(channel, new MessageListener() {
                @Override
                public void onMessage(String from, Object message) {
                    created.computeIfAbsent(from, r -> new MessageInbox(runner)).onMessage(message);
                }

                @Override
                public void onDeliveryFailure(DeliveryFailedException failure) {
                    created.computeIfAbsent(failure.remoteNode(), r -> new MessageInbox(runner)).onFailure(
                            new org.qnetstack.api.DeliveryFailedException(failure.remoteNode(), failure.getMessage()));
                }
            });
        }
        return byRemote.computeIfAbsent(remote, r -> new MessageInbox(runner));
    }

    @Override
    public Qubit qubit() {
        checkAlive();
        int q = memory.tryAllocateAny();
        if (q < 0) {
            throw new NoFreeQubitException(name, memory.capacity());
        }
        operations.initialize(q);
        return new QubitImpl(this, q);
    }

    public void releaseQubit(int qubit) {
        if (crashed) {
            return; // lost in the crash; the device may already serve the node's next stack
        }
        operations.release(qubit);
    }

    @Override
    public int qubitsInUse() {
        return memory.inUse();
    }

    @Override
    public long nanos() {
        return scheduler.clock().nanos();
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public Mono<Void> sleep(Duration duration) {
        checkAlive();
        if (duration == null || duration.isNegative()) {
            throw new org.qnetstack.api.ApiMisuseException("duration", "sleep for a duration ≥ 0 (was " + duration
                    + ")");
        }
        long nanos = Durations.nanos(duration, "duration");
        return Tracked.mono(() -> "sleep for " + duration, Mono.create(sink -> {
            if (crashed) {
                sink.error(new NodeCrashedException(name));
                return;
            }
            sleeping.add(sink);
            TimerHandle timer = scheduler.schedule(nanos, () -> {
                if (sleeping.remove(sink)) {
                    sink.success();
                    runner.signal();
                }
            });
            sink.onCancel(() -> {
                sleeping.remove(sink);
                timer.cancel();
            });
        }));
    }

    /**
     * The node crashes: every wait of its programs fails with {@link NodeCrashedException}, and so does anything
     * they ask from now on; its stack stops without a word to anyone, and every qubit of its device is discarded.
     * Idempotent. The caller stops the node's messages first (a crashed node says nothing).
     */
    public void crash() {
        if (crashed) {
            return;
        }
        // First: a program woken by the failures below runs at once, and must find the node crashed.
        crashed = true;
        NodeCrashedException error = new NodeCrashedException(name);
        pairInboxes.values().forEach(m -> m.values().forEach(i -> i.shutdown(error)));
        messageInboxes.values().forEach(m -> m.values().forEach(i -> i.failWaiting(error)));
        for (MonoSink<Void> sink : List.copyOf(sleeping)) {
            sleeping.remove(sink);
            sink.error(error);
        }
        close();
        for (int q = 0; q < memory.capacity(); q++) {
            operations.discard(q);
        }
        runner.signal();
    }

    /** Stops the stack and releases every qubit it still holds for pairs nobody took. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pairInboxes.values().forEach(m -> m.values().forEach(PairInbox::shutdown));
        transport.close();
    }
}
