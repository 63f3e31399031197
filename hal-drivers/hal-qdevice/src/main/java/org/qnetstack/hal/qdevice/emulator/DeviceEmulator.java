package org.qnetstack.hal.qdevice.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.qdevice.internal.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process serving the quantum devices of several nodes of a network over the qdevice protocol, with
 * the simulator's physics paced to the wall clock: a driver connects, says which node it serves, and gets
 * that node's simulated device. Two nodes' devices on one link make heralded attempts together, their
 * heralds arriving as events. It can stand in for any subset of the network's devices ({@code serve}).
 *
 * <p>Each node takes one connection at a time; when it ends, the node's runs stop and its operations in
 * progress are dropped, and the node can be connected again. Bad frames from a client are refused, counted
 * ({@link #refused()}) and logged, and the connection keeps serving.
 */
public final class DeviceEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceEmulator.class);

    private final PacedWorld world;
    private final ServerSocket server;
    private final Set<String> served;
    private final Map<String, Session> connected = new ConcurrentHashMap<>();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Refusals refusals = new Refusals(LOG, "qdevice clients");
    private final Thread acceptor;
    private volatile boolean closed;

    private DeviceEmulator(PlatformSpec spec, ServerSocket server, Set<String> served) {
        this.world = new PacedWorld(spec);
        this.server = server;
        this.served = served;
        this.acceptor = new Thread(this::accept, "qdevice-emulator-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Serves every node of the network on the address (port 0: any free port, see {@link #port()}). */
    public static DeviceEmulator start(PlatformSpec spec, InetSocketAddress bind) throws IOException {
        return start(spec, bind, Set.of());
    }

    /**
     * Serves the named nodes of the network (all if {@code nodes} is empty) on the address.
     *
     * @throws IllegalArgumentException naming a node the network does not have, or if it has none
     */
    public static DeviceEmulator start(PlatformSpec spec, InetSocketAddress bind, Set<String> nodes)
            throws IOException {
        if (spec.nodes().isEmpty()) {
            throw new IllegalArgumentException("the network has no nodes: nothing to serve");
        }
        Set<String> served = new LinkedHashSet<>();
        for (NodeSpec n : spec.nodes()) {
            if (nodes.isEmpty() || nodes.contains(n.name())) {
                served.add(n.name());
            }
        }
        for (String n : nodes) {
            if (spec.node(n).isEmpty()) {
                throw new IllegalArgumentException("the network has no node '" + n + "' (nodes: "
                        + spec.nodes().stream().map(NodeSpec::name).toList() + ")");
            }
        }
        ServerSocket server = new ServerSocket();
        try {
            server.bind(bind);
            return new DeviceEmulator(spec, server, java.util.Collections.unmodifiableSet(served));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The driver URI of a node's device here. */
    public URI uri(String node) {
        String host = server.getInetAddress().isAnyLocalAddress() ? "127.0.0.1"
                : server.getInetAddress().getHostAddress();
        return URI.create("qdevice:tcp://" + host + ":" + port() + "?node=" + node);
    }

    public Set<String> servedNodes() {
        return served;
    }

    /** Connections open now (handshaken or not). */
    public int openConnections() {
        return sessions.size();
    }

    /** Bad frames refused from clients, of every kind. */
    public long refused() {
        return refusals.total();
    }

    /** The most the emulated world has run behind the wall clock, in ns. */
    public long maxLatenessNanos() {
        return world.maxLatenessNanos();
    }

    PacedWorld world() {
        return world;
    }

    Refusals refusals() {
        return refusals;
    }

    /** Claims the node for a session: "" if it may, else why not (not served here, or connected already). */
    String claim(String node, Session session) {
        if (!served.contains(node)) {
            return "this emulator serves no node '" + node + "' (it serves " + served + ")";
        }
        Session other = connected.putIfAbsent(node, session);
        return other == null ? "" : "node '" + node + "' is connected already: one connection per node";
    }

    void ended(Session session, @org.jspecify.annotations.Nullable String node) {
        sessions.remove(session);
        if (node != null) {
            connected.remove(node, session);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                Session session = new Session(this, s);
                sessions.add(session);
                session.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("qdevice emulator stopped accepting: {}", e.getMessage());
                }
                return;
            }
        }
    }

    /** Stops serving: closes the listening socket and every connection, and the world. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Session s : Set.copyOf(sessions)) {
            s.close("the emulator is shutting down", true);
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        world.close();
    }
}
