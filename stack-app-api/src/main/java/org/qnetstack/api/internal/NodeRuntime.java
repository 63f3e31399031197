package org.qnetstack.api.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.ClassicalSocket;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.Node;
import org.qnetstack.api.NoFreeQubitException;
import org.qnetstack.api.Qubit;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.link.internal.DefaultLinkService;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.NoRouteException;
import org.qnetstack.network.PairListener;
import org.qnetstack.network.internal.CircuitNetworkService;
import org.qnetstack.physical.ClassicalNetwork;
import org.qnetstack.physical.LocalOperations;
import org.qnetstack.physical.QubitMemory;
import org.qnetstack.transport.DeliveryFailedException;
import org.qnetstack.transport.MessageListener;
import org.qnetstack.transport.PreSharedKeys;
import org.qnetstack.transport.TransportService;
import org.qnetstack.transport.TransportSettings;
import org.qnetstack.transport.internal.DirectTransportService;
import org.qnetstack.transport.internal.ReliableChannels;

/** One node's whole stack, from its qubit memory up to the sockets its programs use. */
public final class NodeRuntime implements Node {
    private final String name;
    private final Platform platform;
    private final QuantumDevice device;
    private final QubitMemory memory;
    private final DefaultLinkService link;
    private final LinkRequests linkRequests;
    private final CircuitNetworkService network;
    private final TransportService transport;
    private final ProgramRunner runner;
    private final RandomGenerator random;
    private final Map<Integer, Map<String, PairInbox>> pairInboxes = new HashMap<>();
    private final Map<Integer, Map<String, MessageInbox>> messageInboxes = new HashMap<>();

    /** @param keys the keys this node shares with the others, which authenticate classical messages */
    public NodeRuntime(String name, Platform platform, ClassicalNetwork classical, ProgramRunner runner,
            PreSharedKeys keys) {
        this.name = name;
        this.platform = platform;
        this.device = platform.device(name);
        this.memory = new QubitMemory(device.info());
        this.link = new DefaultLinkService(name, platform, classical, memory);
        this.linkRequests = new LinkRequests(link);
        this.network = new CircuitNetworkService(name, platform.spec(), linkRequests, classical,
                new LocalOperations(device, memory), platform.scheduler(name));
        this.transport = new DirectTransportService(network, new ReliableChannels(name, classical,
                platform.scheduler(name), keys, TransportSettings.DEFAULT));
        this.runner = runner;
        this.random = platform.random("app/" + name);
    }

    @Override
    public String name() {
        return name;
    }

    QuantumDevice device() {
        return device;
    }

    TransportService transport() {
        return transport;
    }

    public DefaultLinkService linkService() {
        return link;
    }

    LinkRequests linkRequests() {
        return linkRequests;
    }

    private void checkPeer(String remote) {
        if (remote.equals(name)) {
            throw new NoRouteException(name, remote, "a node cannot open a socket to itself");
        }
        if (platform.spec().node(remote).isEmpty()) {
            throw new NoRouteException(name, remote, "no such node (nodes: " + String.join(", ",
                    platform.spec().nodes().stream().map(n -> n.name()).toList()) + ")");
        }
    }

    @Override
    public EprSocket eprSocket(String remoteNode, int socketId) {
        checkPeer(remoteNode);
        if (!network.reachable(remoteNode)) {
            throw new NoRouteException(name, remoteNode, "no path to it in the topology");
        }
        inbox(remoteNode, socketId);
        return new EprSocketImpl(this, remoteNode, socketId);
    }

    PairInbox inbox(String remote, int socketId) {
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
                    created.values().forEach(i -> i.onError(error));
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
        return byRemote.computeIfAbsent(remote, r -> new PairInbox(runner, new PairInbox.Host() {
            @Override
            public void release(EndToEndPair pair) {
                if (pair.qubit() >= 0) {
                    releaseQubit(pair.qubit());
                }
            }

            @Override
            public org.qnetstack.link.@Nullable CreateId origin(EndToEndPair pair) {
                return linkRequests.origin(pair.pairId(), pair.socketId());
            }

            @Override
            public void cancel(org.qnetstack.link.CreateId request) {
                linkRequests.cancel(request);
            }

            @Override
            public org.qnetstack.hal.TimerHandle schedule(long delayNanos, Runnable task) {
                return platform.scheduler(name).schedule(delayNanos, task);
            }
        }, name + " socket with " + r));
    }

    @Override
    public ClassicalSocket classicalSocket(String remoteNode, int channel) {
        checkPeer(remoteNode);
        messages(remoteNode, channel);
        return new ClassicalSocketImpl(this, remoteNode, channel);
    }

    MessageInbox messages(String remote, int channel) {
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
                    created.computeIfAbsent(failure.remoteNode(), r -> new MessageInbox(runner)).onFailure(failure);
                }
            });
        }
        return byRemote.computeIfAbsent(remote, r -> new MessageInbox(runner));
    }

    @Override
    public Qubit qubit() {
        int q = memory.tryAllocateAny();
        if (q < 0) {
            throw new NoFreeQubitException(name, memory.capacity());
        }
        device.initialize(q);
        return new QubitImpl(this, q);
    }

    void releaseQubit(int qubit) {
        device.discard(qubit);
        memory.free(qubit);
    }

    @Override
    public int qubitsInUse() {
        return memory.inUse();
    }

    @Override
    public long nanos() {
        return platform.scheduler(name).clock().nanos();
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    /** Stops the stack and releases every qubit it still holds for pairs nobody took. */
    public void close() {
        pairInboxes.values().forEach(m -> m.values().forEach(PairInbox::shutdown));
        transport.close();
    }
}
