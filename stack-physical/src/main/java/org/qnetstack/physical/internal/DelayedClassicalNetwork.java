package org.qnetstack.physical.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.Scheduler;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.physical.ClassicalFaults;
import org.qnetstack.physical.FibreNetwork;
import org.qnetstack.messaging.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classical messages over the links' fibres, delivered on the receiver's scheduler after the delay of
 * the shortest path over nodes (neighbours: the link's fibre; node and station: half of it; stations
 * are endpoints, never relays). Messages from one
 * sender to one receiver keep their order because their delays are equal and ties run in order.
 *
 * <p>Optionally it injects {@link ClassicalFaults}: each message between two different places may be
 * dropped, duplicated, or held back so that later ones overtake it. The decisions come from the
 * platform's {@code classical-faults} stream, drawn in a fixed order per message, so a run stays
 * deterministic; each kind of fault is counted.
 *
 * <p>A node can be {@linkplain #disconnect disconnected} (it crashed, or is partitioned away) and
 * {@linkplain #reconnect reconnected}: meanwhile every message from or to it is dropped, and so is a message
 * still in flight to it when it went down, even if it is back when the message would arrive (it was addressed
 * to a stack that no longer exists).
 */
public final class DelayedClassicalNetwork implements FibreNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(DelayedClassicalNetwork.class);
    private final Platform platform;
    private final Map<String, Map<String, Long>> graph = new HashMap<>();
    private final java.util.Set<String> stations = new java.util.HashSet<>();
    private final Map<String, Search> searches = new HashMap<>();
    private final Map<String, Map<String, Consumer<Envelope>>> handlers = new HashMap<>();
    private final Map<String, Scheduler> schedulers = new HashMap<>();
    private final ClassicalFaults faults;
    private final RandomGenerator faultRandom;
    private long sent;
    private long undeliverable;
    private long dropped;
    private long duplicated;
    private long reordered;
    private long droppedDown;
    /** Nodes disconnected now. */
    private final java.util.Set<String> down = new java.util.HashSet<>();
    /** How many times each node went down: a message carries its receiver's count, and is dropped if it moved. */
    private final Map<String, Integer> incarnations = new HashMap<>();

    /** A perfect network: every message arrives once, in order. */
    public DelayedClassicalNetwork(Platform platform) {
        this(platform, ClassicalFaults.NONE);
    }

    /** A network that drops, duplicates and reorders messages at the given rates. */
    public DelayedClassicalNetwork(Platform platform, ClassicalFaults faults) {
        this.platform = platform;
        this.faults = faults;
        this.faultRandom = platform.random("classical-faults");
        for (LinkSpec spec : platform.spec().links()) {
            HeraldedLink link = platform.link(spec.name());
            edge(spec.nodeA(), spec.nodeB(), link.delayBetweenNodesNanos());
            stations.add(spec.station().name());
            edge(spec.nodeA(), spec.station().name(), link.delayToStationNanos(spec.nodeA()));
            edge(spec.nodeB(), spec.station().name(), link.delayToStationNanos(spec.nodeB()));
        }
    }

    private void edge(String a, String b, long delay) {
        graph.computeIfAbsent(a, k -> new HashMap<>()).merge(b, delay, Math::min);
        graph.computeIfAbsent(b, k -> new HashMap<>()).merge(a, delay, Math::min);
    }

    @Override
    public void register(String node, String protocol, Consumer<Envelope> handler) {
        handlers.computeIfAbsent(node, k -> new HashMap<>()).put(protocol, handler);
    }

    @Override
    public void unregister(String node, String protocol) {
        Map<String, Consumer<Envelope>> h = handlers.get(node);
        if (h != null) {
            h.remove(protocol);
        }
    }

    /** From now on every message from or to the node is dropped, and so is every message in flight to it. */
    @Override
    public void disconnect(String node) {
        if (down.add(node)) {
            incarnations.merge(node, 1, Integer::sum);
        }
    }

    /** Messages flow again to and from the node (sent from now on: older ones to it stay dropped). */
    @Override
    public void reconnect(String node) {
        down.remove(node);
    }

    @Override
    public boolean isDisconnected(String node) {
        return down.contains(node);
    }

    /** Messages dropped because their sender or receiver was disconnected. */
    @Override
    public long droppedDown() {
        return droppedDown;
    }

    @Override
    public void send(String from, String to, String protocol, Object payload) {
        sent++;
        long delay = delayNanos(from, to);
        Envelope envelope = new Envelope(from, to, protocol, payload);
        if (!down.isEmpty() && (down.contains(from) || down.contains(to))) { // two lookups per message otherwise
            droppedDown++;
            return;
        }
        Scheduler scheduler = schedulers.get(to);
        if (scheduler == null) { // not computeIfAbsent: its bound method reference would cost an object per message
            scheduler = platform.scheduler(to);
            schedulers.put(to, scheduler);
        }
        int incarnation = incarnations.isEmpty() ? 0 : incarnations.getOrDefault(to, 0);
        if (!faults.any() || from.equals(to)) {
            scheduler.post(delay, () -> deliver(envelope, incarnation));
            return;
        }
        if (faultRandom.nextDouble() < faults.drop()) {
            dropped++;
            return;
        }
        int copies = 1;
        if (faultRandom.nextDouble() < faults.duplicate()) {
            duplicated++;
            copies = 2;
        }
        for (int i = 0; i < copies; i++) {
            long extra = 0;
            if (faultRandom.nextDouble() < faults.reorder()) {
                reordered++;
                extra = 1 + faultRandom.nextLong(faults.reorderDelayNanos());
            }
            scheduler.post(delay + extra, () -> deliver(envelope, incarnation));
        }
    }

    private void deliver(Envelope envelope, int incarnation) {
        if (!incarnations.isEmpty() && incarnations.getOrDefault(envelope.to(), 0) != incarnation) {
            droppedDown++; // its receiver went down while it was on its way
            return;
        }
        Map<String, Consumer<Envelope>> h = handlers.get(envelope.to());
        Consumer<Envelope> handler = h == null ? null : h.get(envelope.protocol());
        if (handler == null) {
            undeliverable++;
            LOG.debug("dropped message for unserved protocol {} at {}", envelope.protocol(), envelope.to());
            return;
        }
        handler.accept(envelope);
    }

    @Override
    public long delayNanos(String from, String to) {
        if (from.equals(to)) {
            return 0;
        }
        // Delays are symmetric (every edge goes both ways, and stations relay in neither direction), so a
        // search from either end may answer. When neither has settled the other yet, grow the search of the end
        // that has asked about more partners so far (the sender's on a tie): a node that talks to many others —
        // the head of a circuit sending its setup to every node, an end hearing from every repeater — then pays
        // for one search over the network, not one per partner. (Growing always the receiver's made every node
        // of a long chain search its way to the head: N² time and memory.)
        Search source = searches.get(from);
        Long known = source == null ? null : source.settled.get(to);
        if (known != null) {
            return known;
        }
        Search target = searches.get(to);
        known = target == null ? null : target.settled.get(from);
        if (known != null) {
            return known;
        }
        if (source == null) {
            source = new Search(from);
            searches.put(from, source);
        }
        if (target == null) {
            target = new Search(to);
            searches.put(to, target);
        }
        source.partners++;
        target.partners++;
        Long d = target.partners > source.partners ? target.distanceTo(from) : source.distanceTo(to);
        if (d == null) {
            throw new IllegalArgumentException("no classical path from " + from + " to " + to);
        }
        return d;
    }

    /**
     * Dijkstra from one source, advanced only as far as the farthest destination asked for so far: most
     * questions are about neighbours, so a large network never pays for all-pairs distances it does not use.
     */
    private final class Search {
        private final String source;
        private final Map<String, Long> settled = new HashMap<>();
        /** Partners this node was asked about that no search had settled yet. */
        private int partners;
        private final PriorityQueue<Object[]> frontier =
                new PriorityQueue<>((x, y) -> Long.compare((Long) x[1], (Long) y[1]));

        Search(String source) {
            this.source = source;
            frontier.add(new Object[] {source, 0L});
        }

        @Nullable Long distanceTo(String target) {
            while (!settled.containsKey(target) && !frontier.isEmpty()) {
                Object[] head = frontier.poll();
                String node = (String) head[0];
                long d = (Long) head[1];
                if (settled.containsKey(node)) {
                    continue;
                }
                settled.put(node, d);
                if (stations.contains(node) && !node.equals(source)) {
                    continue; // a station talks to its link's ends but forwards nobody's messages
                }
                for (Map.Entry<String, Long> e : graph.getOrDefault(node, Map.of()).entrySet()) {
                    if (!settled.containsKey(e.getKey())) {
                        frontier.add(new Object[] {e.getKey(), d + e.getValue()});
                    }
                }
            }
            return settled.get(target);
        }
    }

    @Override
    public long undeliverable() {
        return undeliverable;
    }

    @Override
    public ClassicalFaults faults() {
        return faults;
    }

    @Override
    public long sent() {
        return sent;
    }

    /** Messages lost on purpose (fault injection). */
    @Override
    public long dropped() {
        return dropped;
    }

    /** Messages delivered twice on purpose. */
    @Override
    public long duplicated() {
        return duplicated;
    }

    /** Copies held back so that later messages overtook them. */
    @Override
    public long reordered() {
        return reordered;
    }
}
