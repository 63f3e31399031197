package org.qnetstack.transport.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.messaging.MessageHandlers;
import org.qnetstack.messaging.Retransmitter;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.transport.DeliveryFailedException;
import org.qnetstack.transport.MessageListener;
import org.qnetstack.transport.PreSharedKeys;
import org.qnetstack.transport.TransportCounters;
import org.qnetstack.transport.TransportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's classical channels: reliable, in order, exactly once and authenticated, over a classical network
 * that may lose, duplicate and reorder messages and on which anyone may inject some.
 *
 * <p>Each (remote node, channel) pair is a stream in each direction. The sender numbers its messages from 0,
 * keeps up to {@code window} of them unacknowledged, and sends each again with doubling waits until it is
 * acknowledged ({@link Retransmitter}); if one stays unacknowledged for {@code giveUpNanos}, the whole stream
 * is given up: its timers are cancelled, its messages forgotten, and the channel's listener is told with a
 * {@link DeliveryFailedException}. The next message starts a new stream with a higher epoch, at which the
 * receiver starts over. The receiver buffers out-of-order frames within the window, delivers in order,
 * drops what it has already seen, and acknowledges every authentic frame (cumulatively, and the frame itself).
 *
 * <p>Every frame and acknowledgement carries HMAC-SHA256 tags under the key the two nodes share
 * ({@link FrameAuthenticator}); a frame is checked before anything else looks at it, and one that fails is
 * counted by reason, logged, and dropped without an acknowledgement. Nothing a peer sends can throw out of
 * the handler: the node keeps serving its other peers. Single-threaded, on the node's event loop.
 */
public final class ReliableChannels {
    private static final Logger LOG = LoggerFactory.getLogger(ReliableChannels.class);
    /** The protocol name of transport frames on the classical network. */
    public static final String PROTOCOL = "transport";
    /** The shortest first wait for an acknowledgement when it is derived from the path: 1 µs. */
    static final long MIN_RTO_NANOS = 1_000;

    /** What a peer sent that was rejected (malformed, forged or altered): each is counted, a few a minute logged. */
    private final RateLimitedLog rejections = RateLimitedLog.warnings(LOG);
    /** Messages dropped for want of a listener, counted likewise. */
    private final RateLimitedLog unlistenedDrops = RateLimitedLog.warnings(LOG);
    private final String node;
    private final ClassicalNetwork classical;
    private final Scheduler scheduler;
    private final PreSharedKeys keys;
    private final TransportSettings settings;
    private final Map<String, @Nullable FrameAuthenticator> authenticators = new HashMap<>();
    private final Map<String, Retransmitter> retransmitters = new HashMap<>();
    private final Map<StreamId, Outgoing> outgoing = new HashMap<>();
    private final Map<StreamId, Incoming> incoming = new HashMap<>();
    private final Map<Integer, MessageListener> listeners = new HashMap<>();
    private final Map<Integer, ArrayDeque<Held>> held = new HashMap<>();
    private long nextEpoch = 1;
    private boolean closed;

    private long sent;
    private long delivered;
    private long replayed;
    private long tampered;
    private long forged;
    private long malformed;
    private long unlistened;
    private long unlistenedDropped;
    private long streamsFailed;
    private long unconfirmed;

    private record StreamId(String remote, int channel) {
    }

    /** What the per-peer retransmitter knows a frame by. */
    private record FrameKey(int channel, long epoch, long sequence) {
    }

    private record Held(String from, Object message) {
    }

    private static final class Outgoing {
        final StreamId id;
        final long epoch;
        long nextSequence;
        /** Sent, not yet acknowledged, by number. */
        final TreeMap<Long, DataFrame> unacked = new TreeMap<>();
        /** Encoded messages waiting for room in the window. */
        final ArrayDeque<byte[]> queued = new ArrayDeque<>();

        Outgoing(StreamId id, long epoch) {
            this.id = id;
            this.epoch = epoch;
        }

        /** The lowest number not acknowledged: the window runs from here. */
        long base() {
            return unacked.isEmpty() ? nextSequence : unacked.firstKey();
        }
    }

    private static final class Incoming {
        long epoch;
        /** Every message below this was delivered. */
        long next;
        /** Authentic payloads that arrived ahead of a gap, by number; all within the window. */
        final TreeMap<Long, byte[]> buffer = new TreeMap<>();

        Incoming(long epoch) {
            this.epoch = epoch;
        }
    }

    public ReliableChannels(String node, ClassicalNetwork classical, Scheduler scheduler, PreSharedKeys keys,
            TransportSettings settings) {
        this.node = node;
        this.classical = classical;
        this.scheduler = scheduler;
        this.keys = keys;
        this.settings = settings;
        MessageHandlers frames = MessageHandlers.builder()
                .on(DataFrame.class, this::onData)
                .on(AckFrame.class, this::onAck)
                .otherwise(e -> malformed(e.from(), () -> "not a transport frame but a "
                        + (e.payload() == null ? "null" : e.payload().getClass().getName())))
                .build();
        classical.register(node, PROTOCOL, envelope -> {
            if (!closed) {
                frames.accept(envelope);
            }
        });
    }

    public String node() {
        return node;
    }

    /**
     * Sends a message to the same channel at the remote node; it is encoded now, so later changes to it do
     * not travel.
     *
     * @throws IllegalArgumentException if the remote node is this one, shares no key with it, has no path
     *                                  to it, or the message holds a type the transport cannot carry
     * @throws IllegalStateException    if the stream already queues {@code queueLimit} messages, or after close
     */
    public void send(String remote, int channel, Object message) {
        if (closed) {
            throw new IllegalStateException(node + ": the transport is closed; open a new one to send");
        }
        if (remote.equals(node)) {
            throw new IllegalArgumentException(node + " cannot send messages to itself: use a local variable");
        }
        if (authenticator(remote) == null) {
            throw new IllegalArgumentException("no pre-shared key for " + node + " and " + remote
                    + ": add one to the transport's PreSharedKeys");
        }
        Retransmitter retransmitter = retransmitter(remote);
        byte[] payload = MessageCodec.encode(message);
        StreamId id = new StreamId(remote, channel);
        Outgoing stream = outgoing.get(id);
        if (stream == null) {
            stream = new Outgoing(id, nextEpoch++);
            outgoing.put(id, stream);
        }
        if (stream.queued.isEmpty() && stream.nextSequence < stream.base() + settings.window()) {
            transmit(stream, retransmitter, payload);
        } else if (stream.queued.size() >= settings.queueLimit()) {
            throw new IllegalStateException(node + ": " + stream.queued.size() + " messages to " + remote
                    + " on channel " + channel + " already wait for acknowledgements; wait for the peer to take "
                    + "them (or raise TransportSettings.queueLimit)");
        } else {
            stream.queued.add(payload);
        }
        sent++;
    }

    public void listen(int channel, MessageListener listener) {
        listeners.put(channel, listener);
        ArrayDeque<Held> waiting = held.remove(channel);
        if (waiting != null) {
            for (Held h : waiting) {
                delivered++;
                listener.onMessage(h.from(), h.message());
            }
        }
    }

    public void unlisten(int channel) {
        listeners.remove(channel);
    }

    /** Stops: cancels every retransmission (without reporting failures) and stops receiving. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        retransmitters.values().forEach(Retransmitter::cancelAll);
        classical.unregister(node, PROTOCOL);
        outgoing.clear();
        incoming.clear();
        held.clear();
    }

    public TransportCounters counters() {
        long retransmitted = retransmitters.values().stream().mapToLong(Retransmitter::retransmissions).sum();
        return new TransportCounters(sent, delivered, retransmitted, replayed, tampered, forged, malformed,
                unlistened, unlistenedDropped, streamsFailed, unconfirmed);
    }

    /** Messages sent and not yet acknowledged, or queued behind them, over all streams. */
    public int pending() {
        return outgoing.values().stream().mapToInt(s -> s.unacked.size() + s.queued.size()).sum();
    }

    // ---- sending

    private @Nullable FrameAuthenticator authenticator(String remote) {
        return authenticators.computeIfAbsent(remote,
                r -> keys.key(node, r).map(FrameAuthenticator::new).orElse(null));
    }

    private Retransmitter retransmitter(String remote) {
        Retransmitter r = retransmitters.get(remote);
        if (r == null) {
            long rto = settings.rtoNanos() > 0 ? settings.rtoNanos()
                    : Math.max(MIN_RTO_NANOS, 3 * classical.delayNanos(node, remote));
            r = new Retransmitter(scheduler, rto, settings.maxBackoff());
            retransmitters.put(remote, r);
        }
        return r;
    }

    private void transmit(Outgoing stream, Retransmitter retransmitter, byte[] payload) {
        String remote = stream.id.remote();
        int channel = stream.id.channel();
        long sequence = stream.nextSequence++;
        FrameAuthenticator auth = authenticator(remote);
        DataFrame frame = new DataFrame(channel, stream.epoch, sequence, payload,
                auth.headerTag(node, remote, channel, stream.epoch, sequence),
                auth.dataTag(node, remote, channel, stream.epoch, sequence, payload));
        stream.unacked.put(sequence, frame);
        retransmitter.send(new FrameKey(channel, stream.epoch, sequence), settings.giveUpNanos(),
                () -> classical.send(node, remote, PROTOCOL, frame), () -> giveUp(stream));
    }

    private void giveUp(Outgoing stream) {
        if (outgoing.get(stream.id) != stream) {
            return;
        }
        outgoing.remove(stream.id);
        Retransmitter retransmitter = retransmitters.get(stream.id.remote());
        stream.unacked.keySet().forEach(s -> retransmitter.acknowledge(new FrameKey(stream.id.channel(), stream.epoch, s)));
        long lost = stream.unacked.size() + stream.queued.size();
        DeliveryFailedException failure = new DeliveryFailedException(stream.id.remote(), stream.id.channel(),
                stream.unacked.firstKey(), lost, settings.giveUpNanos());
        stream.unacked.clear();
        stream.queued.clear();
        streamsFailed++;
        unconfirmed += lost;
        LOG.warn("{}: {}", node, failure.getMessage());
        MessageListener listener = listeners.get(stream.id.channel());
        if (listener != null) {
            listener.onDeliveryFailure(failure);
        }
    }

    // ---- receiving

    private void onData(DataFrame f, String from) {
        if (f.payload() == null || !wellFormedTag(f.headerTag()) || !wellFormedTag(f.tag()) || f.epoch() < 1
                || f.sequence() < 0) {
            malformed(from, () -> "a data frame with missing or out-of-range fields");
            return;
        }
        FrameAuthenticator auth = authenticator(from);
        if (auth == null) {
            forged(from, () -> "a data frame from a node with which " + node + " shares no key");
            return;
        }
        if (!FrameAuthenticator.matches(auth.headerTag(from, node, f.channel(), f.epoch(), f.sequence()), f.headerTag())) {
            forged(from, () -> "a data frame whose header tag is wrong (channel " + f.channel() + ", #" + f.sequence() + ")");
            return;
        }
        if (!FrameAuthenticator.matches(auth.dataTag(from, node, f.channel(), f.epoch(), f.sequence(), f.payload()), f.tag())) {
            tampered++;
            rejections.log("{}: rejected a data frame from {} whose payload was altered (channel {}, #{})", node, from,
                    f.channel(), f.sequence());
            return;
        }
        StreamId id = new StreamId(from, f.channel());
        Incoming in = incoming.get(id);
        if (in == null) {
            in = new Incoming(f.epoch());
            incoming.put(id, in);
        } else if (f.epoch() < in.epoch) {
            replayed++;
            LOG.debug("{}: dropped a frame of an older stream from {}", node, from);
            return;
        } else if (f.epoch() > in.epoch) {
            // The sender gave the old stream up and told its application; what we buffered of it goes too.
            in.epoch = f.epoch();
            in.next = 0;
            in.buffer.clear();
        }
        long sequence = f.sequence();
        if (sequence < in.next || in.buffer.containsKey(sequence)) {
            replayed++;
            LOG.debug("{}: dropped a frame already received from {} (#{})", node, from, sequence);
            acknowledge(from, f.channel(), in, sequence, auth);
            return;
        }
        if (sequence - in.next >= settings.window()) {
            long next = in.next;
            malformed(from, () -> "a frame numbered " + sequence + ", beyond the window of " + settings.window()
                    + " from " + next);
            return;
        }
        in.buffer.put(sequence, f.payload());
        drain(from, f.channel(), in);
        acknowledge(from, f.channel(), in, sequence, auth);
    }

    /**
     * Delivers what is now in order. Each message is handed over in an event of its own, after this one,
     * at the same time and in order, so that a listener call is the last thing an event does: a listener
     * may wake a program that runs at once (the simulator's sequential programs do), and nothing of the
     * transport may run after that in the same event.
     */
    private void drain(String from, int channel, Incoming in) {
        while (!in.buffer.isEmpty() && in.buffer.firstKey() == in.next) {
            byte[] payload = in.buffer.pollFirstEntry().getValue();
            long sequence = in.next++;
            Object message;
            try {
                message = MessageCodec.decode(payload);
            } catch (MessageCodec.MalformedException e) {
                // Authentic, so the sender's own fault (say, a class this node lacks): skip it, keep the stream.
                malformed(from, () -> "an authentic message #" + sequence + " on channel " + channel
                        + " that does not decode: " + e.getMessage());
                continue;
            }
            scheduler.execute(() -> handOver(from, channel, message));
        }
    }

    private void handOver(String from, int channel, Object message) {
        if (closed) {
            return;
        }
        MessageListener listener = listeners.get(channel);
        if (listener != null) {
            delivered++;
            listener.onMessage(from, message);
        } else {
            hold(from, channel, message);
        }
    }

    private void hold(String from, int channel, Object message) {
        ArrayDeque<Held> queue = held.computeIfAbsent(channel, c -> new ArrayDeque<>());
        if (queue.size() >= settings.holdPerChannel()) {
            unlistenedDropped++;
            unlistenedDrops.log("{}: dropped a message from {}: channel {} has nobody listening and {} messages waiting",
                    node, from, channel, queue.size());
            return;
        }
        unlistened++;
        queue.add(new Held(from, message));
    }

    private void acknowledge(String to, int channel, Incoming in, long sequence, FrameAuthenticator auth) {
        classical.send(node, to, PROTOCOL, new AckFrame(channel, in.epoch, in.next, sequence,
                auth.ackTag(node, to, channel, in.epoch, in.next, sequence)));
    }

    private void onAck(AckFrame a, String from) {
        if (!wellFormedTag(a.tag()) || a.epoch() < 1 || a.cumulative() < 0 || a.sequence() < 0) {
            malformed(from, () -> "an acknowledgement with missing or out-of-range fields");
            return;
        }
        FrameAuthenticator auth = authenticator(from);
        if (auth == null) {
            forged(from, () -> "an acknowledgement from a node with which " + node + " shares no key");
            return;
        }
        if (!FrameAuthenticator.matches(auth.ackTag(from, node, a.channel(), a.epoch(), a.cumulative(), a.sequence()),
                a.tag())) {
            forged(from, () -> "an acknowledgement whose tag is wrong (channel " + a.channel() + ", below #"
                    + a.cumulative() + " and #" + a.sequence() + ")");
            return;
        }
        Outgoing stream = outgoing.get(new StreamId(from, a.channel()));
        if (stream == null || stream.epoch != a.epoch()) {
            LOG.debug("{}: ignored an acknowledgement for a stream given up or replaced", node);
            return;
        }
        if (a.cumulative() > stream.nextSequence || a.sequence() >= stream.nextSequence) {
            malformed(from, () -> "an authentic acknowledgement of messages never sent (#" + a.sequence()
                    + ", below #" + a.cumulative() + ", sent below #" + stream.nextSequence + ")");
            return;
        }
        Retransmitter retransmitter = retransmitters.get(from);
        var acknowledged = stream.unacked.headMap(a.cumulative());
        acknowledged.keySet().forEach(s -> retransmitter.acknowledge(new FrameKey(a.channel(), stream.epoch, s)));
        acknowledged.clear();
        if (stream.unacked.remove(a.sequence()) != null) {
            retransmitter.acknowledge(new FrameKey(a.channel(), stream.epoch, a.sequence()));
        }
        while (!stream.queued.isEmpty() && stream.nextSequence < stream.base() + settings.window()) {
            transmit(stream, retransmitter, stream.queued.poll());
        }
    }

    private static boolean wellFormedTag(byte @Nullable [] tag) {
        return tag != null && tag.length == FrameAuthenticator.TAG_BYTES;
    }

    private void malformed(String from, Supplier<String> what) {
        malformed++;
        rejections.log("{}: rejected {} from {}", node, what.get(), from);
    }

    private void forged(String from, Supplier<String> what) {
        forged++;
        rejections.log("{}: rejected {} (claimed from {})", node, what.get(), from);
    }
}
