package org.qnetstack.api.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.messaging.WireTypeRegistry;
import org.qnetstack.tcp.PayloadTypes;
import org.qnetstack.tcp.Malformed;
import org.qnetstack.tcp.WireCodec;

/**
 * A classical network that puts every message through the TCP wire's encoding before passing it on: the
 * payload is encoded by {@link WireCodec} against the allow-list made from {@link WireTypeRegistry}, decoded
 * back, compared with what was sent, and the decoded copy is what the receiver gets. A run through it
 * behaves as a deployment would if nothing is lost; any payload that is off the list, does not encode,
 * or comes back different is recorded in {@link #failures()} (and thrown, so the sender stops there).
 */
public final class SerializingClassicalNetwork implements ClassicalNetwork {
    /** The frame limit used here: the TCP node's configurable maximum, in bytes. */
    public static final int MAX_FRAME_BYTES = 1 << 20;

    private final ClassicalNetwork inner;
    private final PayloadTypes types = payloadTypes();
    private final WireCodec wire = new WireCodec(types, MAX_FRAME_BYTES);
    private final List<String> failures = new ArrayList<>();
    private final Map<String, long[]> byType = new TreeMap<>();

    public SerializingClassicalNetwork(ClassicalNetwork inner) {
        this.inner = inner;
    }

    /** The allow-list a deployment builds from the registry. */
    public static PayloadTypes payloadTypes() {
        PayloadTypes types = PayloadTypes.none();
        for (Map.Entry<String, Class<?>> e : WireTypeRegistry.load().byName().entrySet()) {
            types = types.with(e.getKey(), e.getValue());
        }
        return types;
    }

    /** The payload as the receiving node would see it after the wire. */
    public Object roundTrip(Envelope sent) {
        byte[] json;
        Envelope back;
        try {
            json = wire.encode(sent);
            back = wire.decodeEnvelope(json);
        } catch (IllegalArgumentException | Malformed e) {
            return fail(sent, "does not cross the wire: " + e.getMessage());
        }
        if (json.length + WireCodec.DATA_OVERHEAD > MAX_FRAME_BYTES) {
            return fail(sent, "needs a frame of " + (json.length + WireCodec.DATA_OVERHEAD) + " bytes");
        }
        if (!back.from().equals(sent.from()) || !back.to().equals(sent.to())
                || !back.protocol().equals(sent.protocol()) || !WireEquality.same(sent.payload(), back.payload())) {
            return fail(sent, "came back as " + WireEquality.describe(back.payload()));
        }
        long[] stats = byType.computeIfAbsent(types.nameOf(sent.payload().getClass()), k -> new long[3]);
        stats[0]++;
        stats[1] += json.length;
        stats[2] = Math.max(stats[2], json.length);
        return back.payload();
    }

    private Object fail(Envelope sent, String why) {
        String failure = sent.from() + "→" + sent.to() + " " + sent.protocol() + ": "
                + WireEquality.describe(sent.payload()) + " " + why;
        failures.add(failure);
        throw new AssertionError(failure);
    }

    @Override
    public void send(String from, String to, String protocol, Object payload) {
        inner.send(from, to, protocol, roundTrip(new Envelope(from, to, protocol, payload)));
    }

    @Override
    public void register(String node, String protocol, Consumer<Envelope> handler) {
        inner.register(node, protocol, handler);
    }

    @Override
    public void unregister(String node, String protocol) {
        inner.unregister(node, protocol);
    }

    @Override
    public long delayNanos(String from, String to) {
        return inner.delayNanos(from, to);
    }

    @Override
    public long undeliverable() {
        return inner.undeliverable();
    }

    /** Every message that did not cross the wire intact, with the reason. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Wire name → {messages, total JSON bytes, largest JSON bytes}, for the names seen so far. */
    public Map<String, long[]> sent() {
        return byType;
    }
}
