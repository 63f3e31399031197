package org.qnetstack.link.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.LinkPair;
import org.qnetstack.physical.AttemptSource;
import org.qnetstack.physical.CapturingClassicalNetwork;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.physical.HeraldedPair;
import org.qnetstack.physical.LinkModel;
import org.qnetstack.physical.LocalOperations;
import org.qnetstack.physical.QubitMemory;
import org.qnetstack.sim.SimulatedPlatform;
import org.qnetstack.sim.kernel.EventKernel;

/**
 * One end of link alice-bob alone, in the spirit of Netty's {@code EmbeddedChannel}: time stands still until the
 * test advances the manual clock ({@link #advance}); what the end sends its peer is captured for the test to read
 * ({@link #drain}, through a {@link CapturingClassicalNetwork}); the test plays the peer ({@link #receive}), the heralding protocol below (heralds and losses
 * come when it says: {@link #keptHerald}, {@link #measuredHerald}, {@link #heraldsLost}; its slot clock is the
 * manual clock's) and the link service above (pairs and errors are recorded; whether a pair is taken is what
 * {@link #delivery} says). The link's timing is the simulator's ideal one; nothing runs in the background, so a
 * test of one protocol rule runs in milliseconds. Alice is the master (end A), bob the other end.
 */
final class EmbeddedLinkEnd implements LinkBelow, LinkUpcalls {
    static final String LINK = "alice-bob";
    /** The one-way delay of every classical message between the ends. */
    static final long DELAY_NANOS = 10_000;
    /** The α every request made through {@link #create} is served at. */
    static final double ALPHA = 0.1;

    final String node;
    final String peer;
    final EventKernel clock = new EventKernel();
    final HeraldedLink link;
    final RecordingDevice device;
    final QubitMemory memory;
    /** The draws the master's decisions take, as scripted. */
    final ScriptedRandom random = new ScriptedRandom();
    final LinkContext ctx;
    final LinkEndpoint end;
    final AttemptSource source;
    /** What the end handed up. */
    final List<LinkPair> pairs = new ArrayList<>();
    final List<LinkError> errors = new ArrayList<>();
    /** What becomes of the next pairs handed up. */
    DefaultLinkService.Delivery delivery = DefaultLinkService.Delivery.TAKEN;
    /** Captures everything the end sends, until drained. */
    final CapturingClassicalNetwork network = new CapturingClassicalNetwork(DELAY_NANOS);
    private long nextCreateId = 1;
    private long nextPeerItem = 1;
    // The heralding protocol below, as scripted.
    private long lastSeq;
    private long settledSeq;
    long attempts;
    int reconsiders;
    int wakes;
    int abandons;
    boolean running;

    private EmbeddedLinkEnd(String node) {
        this.node = node;
        SimulatedPlatform platform = new SimulatedPlatform(new PlatformSpec(1, List.of(NodeSpec.of("alice", "ideal"),
                NodeSpec.of("bob", "ideal")), List.of(new LinkSpec(LINK, "alice", "bob", 2,
                HeraldingScheme.SINGLE_CLICK, new StationSpec(LINK + "-station", StationSpec.SIMULATED_DETECTORS),
                Map.of()))));
        this.link = platform.link(LINK);
        this.peer = link.spec().otherEnd(node);
        this.device = new RecordingDevice(platform.device(node).info());
        this.memory = new QubitMemory(device.info());
        this.ctx = new LinkContext(node, new LinkModel(link), new LocalOperations(device, memory), memory, clock,
                network, this, random);
        this.end = new LinkEndpoint(ctx, DefaultLinkService.DEFAULT_NO_RESOURCE_NANOS, s -> this);
        this.source = end.attemptSource();
        platform.close();
    }

    /** Alice's end: the master, which numbers the items and decides every pair. */
    static EmbeddedLinkEnd master() {
        return new EmbeddedLinkEnd("alice");
    }

    /** Bob's end, which asks the master to queue its requests and holds pairs until told their fate. */
    static EmbeddedLinkEnd other() {
        return new EmbeddedLinkEnd("bob");
    }

    /**
     * The draws of the end's random stream, as the test scripts them: {@code nextDouble} gives the next scripted
     * number (0.999 once the script is used up: no test round, the last basis option), {@code nextInt} the next
     * scripted index (0 once used up). No other draw is made by a link end.
     */
    static final class ScriptedRandom implements RandomGenerator {
        private final ArrayDeque<Double> doubles = new ArrayDeque<>();
        private final ArrayDeque<Integer> ints = new ArrayDeque<>();

        ScriptedRandom thenDoubles(double... next) {
            for (double d : next) {
                doubles.add(d);
            }
            return this;
        }

        ScriptedRandom thenInts(int... next) {
            for (int i : next) {
                ints.add(i);
            }
            return this;
        }

        @Override
        public double nextDouble() {
            return doubles.isEmpty() ? 0.999 : doubles.poll();
        }

        @Override
        public int nextInt(int bound) {
            return ints.isEmpty() ? 0 : ints.poll();
        }

        @Override
        public long nextLong() {
            throw new AssertionError("a link end draws only doubles and bounded ints");
        }
    }

    /** The first wait for an acknowledgement, as the end derives it from the delay and the slot. */
    long rtoNanos() {
        return 2 * DELAY_NANOS + 2 * link.slotNanos() + 20_000;
    }

    /** Slots from an ADD to the slot both ends start serving it. */
    long leadSlots() {
        return ctx.leadSlots();
    }

    // ---------------------------------------------------------------- the test plays the layer above

    /** Submits a request made at this end, served at {@link #ALPHA}, with its deadline from its max time. */
    CreateId create(CreateRequest request) {
        CreateId id = new CreateId(node, nextCreateId++);
        long deadline = request.maxTimeNanos() == 0 ? Long.MAX_VALUE : clock.nanos() + request.maxTimeNanos();
        end.submit(id, request, ALPHA, 0.9, deadline);
        return id;
    }

    /** Submits a request made at this end and queues it at both ends the way the protocol does. */
    CreateId createQueued(CreateRequest request) {
        CreateId id = create(request);
        queued(id, request);
        return id;
    }

    /** The errors handed up so far, by code, in order (cleared). */
    List<LinkErrorCode> drainErrorCodes() {
        List<LinkErrorCode> codes = errors.stream().map(LinkError::code).toList();
        errors.clear();
        return codes;
    }

    // ---------------------------------------------------------------- the test plays the peer

    /** The master's ADD of item {@code itemId} for the request, served from {@code startSlot}, no deadline. */
    static LinkMessages.Add add(long itemId, CreateId createId, CreateRequest request, long startSlot) {
        return new LinkMessages.Add(LINK, itemId, createId, request, ALPHA, 0.9, startSlot, Long.MAX_VALUE);
    }

    /** The other end's ADD_REQUEST for its request, no deadline. */
    static LinkMessages.AddRequest addRequest(CreateId createId, CreateRequest request) {
        return new LinkMessages.AddRequest(LINK, createId, request, ALPHA, 0.9, Long.MAX_VALUE);
    }

    /** The other end's HOLD of a kept pair, with every lower sequence number settled there. */
    static LinkMessages.Hold hold(long seq, long itemId) {
        return new LinkMessages.Hold(LINK, seq, itemId, seq, null, -1);
    }

    /** The master's decision on a herald, with goodness 0.9. */
    static LinkMessages.Decision decision(long seq, LinkMessages.Verdict verdict, @Nullable Basis testBasis) {
        return new LinkMessages.Decision(LINK, seq, verdict, testBasis, 0.9);
    }

    /** Queues item {@code itemId} for the request at this end the way the protocol does, and drains the ADD. */
    long queued(CreateId createId, CreateRequest request) {
        if (end.isPeerDown()) {
            throw new AssertionError("the peer is down");
        }
        if (ctx.master) {
            LinkMessages.Add add = single(LinkMessages.Add.class);
            receive(new LinkMessages.AddAck(LINK, add.itemId()));
            return add.itemId();
        }
        drain(LinkMessages.AddRequest.class);
        long itemId = nextPeerItem++;
        receive(add(itemId, createId, request, currentSlot() + leadSlots()));
        drain(LinkMessages.AddAck.class);
        return itemId;
    }

    /** A link message from the peer, handed in now. */
    void receive(Object message) {
        receiveFrom(peer, message);
    }

    /** A message on the link's port from {@code sender} (the peer, or someone posing as it), handed in now. */
    void receiveFrom(String sender, Object message) {
        if (!network.deliver(sender, node, ctx.protocol(), message)) {
            throw new AssertionError(node + " does not listen for link messages (closed?)");
        }
    }

    /** Removes and returns the captured messages of a type, in the order they were sent. */
    <T> List<T> drain(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Envelope e : network.drain(type)) {
            if (!e.to().equals(peer)) {
                throw new AssertionError(node + " sent " + e.payload() + " to " + e.to() + ", not its peer");
            }
            out.add(type.cast(e.payload()));
        }
        return out;
    }

    /** The one captured message of a type (drained); fails if there is not exactly one. */
    <T> T single(Class<T> type) {
        List<T> out = drain(type);
        if (out.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", got " + out);
        }
        return out.get(0);
    }

    /** The simple names of the messages captured and not drained yet, in order. */
    List<String> undrained() {
        return network.sent().stream().map(e -> e.payload().getClass().getSimpleName()).toList();
    }

    // ---------------------------------------------------------------- the test plays the heralding protocol

    /** Runs every timer due within the next {@code nanos} and moves the clock on by that much. */
    void advance(long nanos) {
        clock.runUntilTime(clock.nanos() + nanos);
    }

    /** A kept pair heralded now for the item: a qubit of this end's memory holds its half. */
    HeraldedPair keptHerald(long seq, long itemId) {
        int qubit = memory.tryAllocateAny();
        if (qubit < 0) {
            throw new AssertionError("no free qubit for herald " + seq);
        }
        return herald(new HeraldedPair(LINK, currentSlot(), seq, itemId, 3, qubit, null, -1, clock.nanos()));
    }

    /** A measure-directly pair heralded now for the item, measured here along the axis with the outcome. */
    HeraldedPair measuredHerald(long seq, long itemId, MeasurementAxis axis, int outcome) {
        return herald(new HeraldedPair(LINK, currentSlot(), seq, itemId, 2, -1, axis, outcome, clock.nanos()));
    }

    private HeraldedPair herald(HeraldedPair pair) {
        settledThrough(pair.stationSeq());
        source.onHerald(pair);
        return pair;
    }

    /** Sequence numbers from..to never arrived here (or were rejected). */
    void heraldsLost(long fromSeq, long toSeq) {
        settledThrough(toSeq);
        source.onHeraldsLost(fromSeq, toSeq);
    }

    /** Every herald up to {@code seq} has been taken in and handed up or rejected here. */
    void settledThrough(long seq) {
        lastSeq = Math.max(lastSeq, seq);
        settledSeq = Math.max(settledSeq, seq);
    }

    /** A reply up to {@code seq} has been taken in here, but its pair is still moving to storage. */
    void takenInThrough(long seq) {
        lastSeq = Math.max(lastSeq, seq);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public void reconsider() {
        reconsiders++;
    }

    @Override
    public void wake() {
        wakes++;
    }

    @Override
    public void abandonInFlight() {
        abandons++;
    }

    @Override
    public long currentSlot() {
        return clock.nanos() / slotNanos();
    }

    @Override
    public long slotNanos() {
        return link.slotNanos();
    }

    @Override
    public long lastStationSeq() {
        return lastSeq;
    }

    @Override
    public long settledStationSeq() {
        return settledSeq;
    }

    @Override
    public long attempts() {
        return attempts;
    }

    @Override
    public long deviceFailures() {
        return 0;
    }

    // ---------------------------------------------------------------- the layer above: records what comes up

    @Override
    public DefaultLinkService.Delivery deliver(LinkPair pair) {
        pairs.add(pair);
        return delivery;
    }

    @Override
    public void deliverError(LinkError error) {
        errors.add(error);
    }
}
