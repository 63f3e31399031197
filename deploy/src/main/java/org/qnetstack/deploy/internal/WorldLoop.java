package org.qnetstack.deploy.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.qnetstack.deploy.internal.WorldMessages.AxisAnswer;
import org.qnetstack.deploy.internal.WorldMessages.AxisQuery;
import org.qnetstack.deploy.internal.WorldMessages.DeviceCall;
import org.qnetstack.deploy.internal.WorldMessages.DeviceResult;
import org.qnetstack.deploy.internal.WorldMessages.Joined;
import org.qnetstack.deploy.internal.WorldMessages.Listen;
import org.qnetstack.deploy.internal.WorldMessages.Outgoing;
import org.qnetstack.deploy.internal.WorldMessages.Task;
import org.qnetstack.deploy.internal.WorldMessages.TaskDone;
import org.qnetstack.deploy.internal.WorldMessages.TaskKind;
import org.qnetstack.deploy.internal.WorldMessages.TimerCancel;
import org.qnetstack.deploy.internal.WorldMessages.TimerSet;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.messaging.MessageHandlers;
import org.qnetstack.physical.FibreNetwork;
import org.qnetstack.physical.HeraldingStations;
import org.qnetstack.physical.StationStack;
import org.qnetstack.sim.SimulatedPlatform;
import org.qnetstack.sim.kernel.EventKernel;
import org.qnetstack.tcp.TcpClassicalNetwork;
import org.qnetstack.tcp.Malformed;
import org.qnetstack.hal.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The world service's single thread: the simulated devices, stations and fibres of every node, and the one
 * clock. It advances the clock event by event; when an event belongs to a node (a timer it set, a message
 * for it, a peer's failure), it hands the node the task and serves the node's calls until the node is done,
 * so the network runs as it would in one process. A node that stops answering is declared down: its
 * timers, attempt runs and qubits are dropped and the others are told; when it comes back it starts afresh.
 */
public final class WorldLoop {
    private static final Logger LOG = LoggerFactory.getLogger(WorldLoop.class);
    private static final long POLL_MILLIS = 50;
    /** The messages refused from each node, rate-limited per node: one node's flood hides no other's. */
    private final Map<String, RateLimitedLog> rejections = new ConcurrentHashMap<>();

    /**
     * @param pace            simulated seconds per wall-clock second at most (0: as fast as possible)
     * @param detectionDelay  simulated time between a node's loss and the others hearing of it
     * @param nodeTimeout     wall time a node may take over one task, or stay disconnected, before it is down
     * @param idleTimeout     wall time the world waits with nothing to simulate (e.g. for a node to return)
     */
    public record Options(double pace, Duration detectionDelay, Duration nodeTimeout, Duration idleTimeout) {
        public Options {
            if (!(pace >= 0) || Double.isInfinite(pace)) {
                throw new IllegalArgumentException("pace: must be a finite number ≥ 0 (0: as fast as possible), was "
                        + pace);
            }
            for (Duration d : List.of(detectionDelay, nodeTimeout, idleTimeout)) {
                if (d == null || d.isNegative()) {
                    throw new IllegalArgumentException("durations must be ≥ 0, was " + d);
                }
            }
        }
    }

    private final class Session {
        final String name;
        final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        final Map<Long, TimerHandle> timers = new HashMap<>();
        final WorldDevice device;
        final Set<String> listening = new HashSet<>();
        boolean joined;
        boolean up;
        long incarnation;
        boolean program;
        boolean programFinished;
        @Nullable String programFailure;
        long lostAt = -1;

        Session(String name) {
            this.name = name;
            this.device = new WorldDevice(name, platform, (run, slot) -> axisOf(this, run, slot));
        }
    }

    /** What a run ended with. */
    public record Outcome(boolean ok, String note, Map<String, String> programFailures, long events,
                          double simulatedSeconds, long nodeFailures, long malformed) {
    }

    private final PlatformSpec spec;
    private final SimulatedPlatform platform;
    private final EventKernel kernel;
    private final FibreNetwork classical;
    private final HeraldingStations stations;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final BlockingQueue<Joined> joins = new LinkedBlockingQueue<>();
    private final TcpClassicalNetwork net;
    private final WorldRelay relay;
    private final Options options;
    private final MessageHandlers serving = serving();
    private boolean running;
    private long nodeFailures;
    /** Counted on the world's thread and on the I/O thread (a node joining under another's name). */
    private final AtomicLong malformed = new AtomicLong();
    private long lastProgress = System.nanoTime();
    private volatile boolean stopRequested;

    public WorldLoop(PlatformSpec spec, SimulatedPlatform platform, TcpClassicalNetwork net, PayloadCodec codec,
            Options options) {
        this.spec = spec;
        this.platform = platform;
        this.net = net;
        this.relay = new WorldRelay(codec, spec);
        this.options = options;
        this.kernel = (EventKernel) platform.scheduler(spec.nodes().get(0).name());
        this.classical = FibreNetwork.on(platform);
        this.stations = StationStack.on(platform).classical(classical).start();
        for (NodeSpec node : spec.nodes()) {
            sessions.put(node.name(), new Session(node.name()));
        }
        net.register(WorldMessages.WORLD, WorldMessages.PROTOCOL, this::received);
    }

    /** On an I/O thread: queue what a node said for the world's thread. */
    private void received(Envelope e) {
        Session s = sessions.get(e.from());
        if (s == null) {
            return; // the TCP layer admits only configured peers; nothing else can get here
        }
        if (e.payload() instanceof Joined j) {
            if (!j.node().equals(e.from())) {
                malformedFrom(e.from(), "it joined as " + j.node());
                return;
            }
            joins.add(j);
        } else {
            s.inbox.add(e.payload());
        }
    }

    private void malformedFrom(String node, String what) {
        malformed.incrementAndGet();
        rejections.computeIfAbsent(node, n -> RateLimitedLog.warnings(LOG))
                .log("world: rejected a message from {}: {}", node, what);
    }

    public void stop() {
        stopRequested = true;
    }

    /** Runs until every node's program has ended, the world is stopped, or nothing more can happen. */
    public Outcome run() {
        awaitAllJoined();
        for (Session s : sessions.values()) {
            runTask(s, Task.of(s.incarnation, TaskKind.INIT, kernel.nanos()));
        }
        for (Session s : sessions.values()) {
            runTask(s, Task.of(s.incarnation, TaskKind.START, kernel.nanos()));
        }
        running = true;
        long wallStart = System.nanoTime();
        long simStart = kernel.nanos();
        long lastCheck = 0;
        String note;
        boolean ok;
        while (true) {
            handleJoins(0);
            long wall = System.nanoTime();
            if (wall - lastCheck > 200_000_000L) {
                lastCheck = wall;
                checkConnections(wall);
            }
            if (stopRequested) {
                ok = true;
                note = "stopped";
                break;
            }
            if (programsDone()) {
                ok = sessions.values().stream().allMatch(s -> s.programFailure == null);
                note = ok ? "every program finished" : "a program failed";
                break;
            }
            long next = kernel.nextEventTime();
            if (next == Long.MAX_VALUE) {
                if (System.nanoTime() - lastProgress > options.idleTimeout().toNanos()) {
                    ok = false;
                    note = "nothing is left to happen but programs still wait (nodes down: " + downNodes() + ")";
                    break;
                }
                handleJoins(POLL_MILLIS);
                continue;
            }
            if (options.pace() > 0) {
                long dueWall = wallStart + (long) ((next - simStart) / options.pace());
                long wait = dueWall - System.nanoTime();
                if (wait > 0) {
                    handleJoins(Math.max(1, Math.min(POLL_MILLIS, wait / 1_000_000)));
                    continue;
                }
            }
            kernel.step();
            lastProgress = System.nanoTime();
        }
        for (Session s : sessions.values()) {
            runTask(s, new Task(s.incarnation, TaskKind.SHUTDOWN, kernel.nanos(), 0, null, null, null, null, note));
        }
        stations.close();
        Map<String, String> failures = new LinkedHashMap<>();
        sessions.values().forEach(s -> {
            if (s.programFailure != null) {
                failures.put(s.name, s.programFailure);
            }
        });
        return new Outcome(ok, note, failures, kernel.dispatchedEvents(), kernel.nanos() / 1e9, nodeFailures,
                malformed.get());
    }

    private List<String> downNodes() {
        return sessions.values().stream().filter(s -> !s.up).map(s -> s.name).toList();
    }

    private boolean programsDone() {
        boolean any = false;
        for (Session s : sessions.values()) {
            if (s.program) {
                any = true;
                if (!s.programFinished) {
                    return false;
                }
            }
        }
        return any;
    }

    private void awaitAllJoined() {
        while (sessions.values().stream().anyMatch(s -> !s.joined)) {
            if (stopRequested) {
                throw new IllegalStateException("world stopped before every node joined");
            }
            handleJoins(POLL_MILLIS);
        }
    }

    private void handleJoins(long waitMillis) {
        try {
            Joined j = waitMillis > 0 ? joins.poll(waitMillis, TimeUnit.MILLISECONDS) : joins.poll();
            while (j != null) {
                join(j);
                j = joins.poll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }

    private void join(Joined j) {
        Session s = sessions.get(j.node());
        if (s.up && s.incarnation == j.incarnation()) {
            return; // said twice
        }
        if (s.up) {
            down(s, "it restarted (a new process joined)");
        }
        s.joined = true;
        s.up = true;
        s.lostAt = -1;
        s.incarnation = j.incarnation();
        LOG.info("world: node {} joined{}", s.name, running ? " again" : "");
        if (running) {
            classical.reconnect(s.name);
            stations.endRestarted(s.name);
            runTask(s, Task.of(s.incarnation, TaskKind.INIT, kernel.nanos()));
            for (Session other : sessions.values()) {
                if (other != s && !other.up) { // it starts knowing who is down now
                    runTask(s, peerTask(s, TaskKind.PEER_DOWN, other.name));
                }
            }
            runTask(s, Task.of(s.incarnation, TaskKind.START, kernel.nanos()));
            tellOthersLater(s, TaskKind.PEER_UP);
            lastProgress = System.nanoTime();
        }
    }

    private Task peerTask(Session to, TaskKind kind, String peer) {
        return new Task(to.incarnation, kind, kernel.nanos(), 0, peer, null, null, null, null);
    }

    /** After the detection delay, tells every node then up that the node went down or came back. */
    private void tellOthersLater(Session s, TaskKind kind) {
        kernel.schedule(options.detectionDelay().toNanos(), () -> {
            if (s.up != (kind == TaskKind.PEER_UP)) {
                return; // it changed again before the others noticed; that change tells them
            }
            for (Session other : sessions.values()) {
                if (other != s) {
                    runTask(other, peerTask(other, kind, s.name));
                }
            }
        });
    }

    private void checkConnections(long wall) {
        for (Session s : sessions.values()) {
            if (!s.up) {
                continue;
            }
            if (net.connectedTo(s.name)) {
                s.lostAt = -1;
            } else if (s.lostAt < 0) {
                s.lostAt = wall;
            } else if (wall - s.lostAt > options.nodeTimeout().toNanos()) {
                down(s, "its connection has been lost for " + options.nodeTimeout());
            }
        }
    }

    // ---- serving a node

    /** Hands the node a task and serves it until it is done (or declared down). */
    private void runTask(Session s, Task task) {
        if (!s.up) {
            return;
        }
        net.send(WorldMessages.WORLD, s.name, WorldMessages.PROTOCOL, task);
        long deadline = System.nanoTime() + options.nodeTimeout().toNanos();
        while (s.up) {
            Object m = poll(s);
            if (m == null) {
                if (System.nanoTime() > deadline) {
                    down(s, "it did not finish a " + task.kind() + " task within " + options.nodeTimeout());
                }
                continue;
            }
            if (m instanceof TaskDone d) {
                s.program = d.programRunning();
                s.programFinished = d.programFinished();
                s.programFailure = d.programFailure();
                return;
            }
            serving.accept(new Envelope(s.name, WorldMessages.WORLD, WorldMessages.PROTOCOL, m));
        }
    }

    private @Nullable Object poll(Session s) {
        try {
            return s.inbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
            return null;
        }
    }

    /** What a node may ask of the world while it runs a task, by message class; anything else is malformed. */
    private MessageHandlers serving() {
        return MessageHandlers.builder()
                .on(TimerSet.class, (t, from) -> setTimer(sessions.get(from), t))
                .on(TimerCancel.class, (c, from) -> {
                    TimerHandle h = sessions.get(from).timers.remove(c.id());
                    if (h != null) {
                        h.cancel();
                    }
                })
                .on(Listen.class, (l, from) -> listen(sessions.get(from), l.protocol(), l.on()))
                .on(Outgoing.class, (o, from) -> outgoing(sessions.get(from), o))
                .on(DeviceCall.class, (c, from) -> net.send(WorldMessages.WORLD, from, WorldMessages.PROTOCOL,
                        execute(sessions.get(from), c)))
                .otherwise(e -> malformedFrom(e.from(), "unexpected " + e.payload().getClass().getSimpleName()))
                .build();
    }

    private void setTimer(Session s, TimerSet t) {
        if (t.delayNanos() < 0 || s.timers.containsKey(t.id())) {
            malformedFrom(s.name, "bad timer " + t);
            return;
        }
        long id = t.id();
        s.timers.put(id, kernel.schedule(t.delayNanos(), () -> {
            s.timers.remove(id);
            runTask(s, new Task(s.incarnation, TaskKind.FIRE, kernel.nanos(), id, null, null, null, null, null));
        }));
    }

    private void listen(Session s, String protocol, boolean on) {
        if (on && s.listening.add(protocol)) {
            classical.register(s.name, protocol, e -> deliver(s, e));
        } else if (!on && s.listening.remove(protocol)) {
            classical.unregister(s.name, protocol);
        }
    }

    private void outgoing(Session s, Outgoing o) {
        boolean toNode = sessions.containsKey(o.to());
        if (!toNode && !relay.isStation(o.to())) {
            malformedFrom(s.name, "a message for nobody: '" + o.to() + "'");
            return;
        }
        try {
            classical.send(s.name, o.to(), o.protocol(), relay.toNetwork(!toNode, o.type(), o.json()));
        } catch (Malformed e) {
            malformedFrom(s.name, "a message for " + o.to() + ": " + e.getMessage());
        }
    }

    private void deliver(Session s, Envelope e) {
        PayloadCodec.Encoded encoded = relay.toNode(e.payload());
        runTask(s, new Task(s.incarnation, TaskKind.DELIVER, kernel.nanos(), 0, e.from(), e.protocol(),
                encoded.type(), encoded.json(), null));
    }

    private DeviceResult execute(Session s, DeviceCall c) {
        try {
            return s.device.execute(c);
        } catch (RuntimeException e) {
            // A bad call (a node's bug, or a hostile one) is refused; the device and the world go on.
            malformedFrom(s.name, "device call " + c.op() + ": " + e);
            return new DeviceResult(0, 0, 0, 0, 0, e.getClass().getName(), String.valueOf(e.getMessage()));
        }
    }

    /** Asks the node which axis its run measures along in the slot; the node answers on its loop. */
    private MeasurementAxis axisOf(Session s, long run, long slot) {
        if (!s.up) {
            return MeasurementAxis.Z; // the node is gone and its qubits with it: the outcome reaches nobody
        }
        net.send(WorldMessages.WORLD, s.name, WorldMessages.PROTOCOL, new AxisQuery(s.incarnation, run, slot));
        long deadline = System.nanoTime() + options.nodeTimeout().toNanos();
        while (s.up) {
            Object m = poll(s);
            if (m instanceof AxisAnswer a) {
                return MeasurementAxis.of(a.theta(), a.phi());
            }
            if (m != null) {
                malformedFrom(s.name, "expected an axis, got " + m.getClass().getSimpleName());
            } else if (System.nanoTime() > deadline) {
                down(s, "it did not say which axis to measure along within " + options.nodeTimeout());
            }
        }
        return MeasurementAxis.Z;
    }

    // ---- failures

    /** The node is gone: drop what it had in the world and tell the others after the detection delay. */
    private void down(Session s, String reason) {
        if (!s.up) {
            return;
        }
        s.up = false;
        nodeFailures++;
        LOG.warn("world: node {} is down: {}", s.name, reason);
        s.timers.values().forEach(TimerHandle::cancel);
        s.timers.clear();
        s.device.stopRuns(kernel.nanos());
        s.listening.forEach(p -> classical.unregister(s.name, p));
        s.listening.clear();
        classical.disconnect(s.name);
        stations.endDown(s.name);
        s.device.discardAll();
        s.inbox.clear();
        if (s.program && !s.programFinished) {
            s.programFinished = true;
            s.programFailure = "the process of " + s.name + " was lost: " + reason;
        }
        tellOthersLater(s, TaskKind.PEER_DOWN);
    }

    /** Messages from nodes that the world refused (bad timers, unknown addressees, undecodable payloads). */
    public long malformed() {
        return malformed.get();
    }

}
