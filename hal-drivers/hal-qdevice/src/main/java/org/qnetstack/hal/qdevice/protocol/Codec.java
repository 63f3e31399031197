package org.qnetstack.hal.qdevice.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.OperationDurations;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.TwoQubitGate;
import org.qnetstack.hal.device.AttemptRunRequest;
import org.qnetstack.hal.device.DeviceCapabilities;
import org.qnetstack.hal.device.DeviceEvent;
import org.qnetstack.hal.device.DeviceException;
import org.qnetstack.hal.device.PhotonicInterface;

/**
 * Encodes messages as one line of JSON each and decodes lines strictly: a frame must be one JSON object
 * (no duplicate keys, nothing after it) whose {@code type} is known and whose fields have the types and
 * ranges docs/qdevice-protocol.md gives; fields a version does not define are ignored, so a later minor
 * addition does not break an older peer. Context checks (a qubit within the device's count, an id in
 * flight) are the driver's and the device's. Thread-safe.
 */
public final class Codec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int MAX_LIST = NodeSpec.MAX_QUBITS * 4;

    private Codec() {
    }

    /** The frame's bytes: UTF-8 JSON and a newline. */
    public static byte[] encode(Message m) {
        return (encodeLine(m) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The frame without its newline. */
    public static String encodeLine(Message m) {
        ObjectNode o = JSON.createObjectNode();
        if (m instanceof Message.Hello h) {
            o.put("type", "hello");
            ArrayNode v = o.putArray("versions");
            h.versions().forEach(v::add);
            o.put("node", h.node());
        } else if (m instanceof Message.Welcome w) {
            o.put("type", "welcome");
            o.put("version", w.version());
            capabilities(o.putObject("device"), w.device());
            ObjectNode l = o.putObject("limits");
            l.put("maxFrameBytes", w.limits().maxFrameBytes());
            l.put("maxInFlight", w.limits().maxInFlight());
            o.put("time", w.timeNanos());
        } else if (m instanceof Message.Request r) {
            o.put("type", "request");
            o.put("id", r.id());
            o.put("op", r.op().wireName());
            operation(o, r.op());
        } else if (m instanceof Message.Done d) {
            o.put("type", "done");
            o.put("id", d.id());
            o.put("duration", d.duration());
            if (d.outcome() >= 0) {
                o.put("outcome", d.outcome());
            }
            if (d.run() > 0) {
                o.put("run", d.run());
            }
        } else if (m instanceof Message.Error e) {
            o.put("type", "error");
            o.put("id", e.id());
            o.put("code", e.code().name());
            o.put("message", e.message());
            if (e.versions() != null) {
                ArrayNode v = o.putArray("versions");
                e.versions().forEach(v::add);
            }
        } else if (m instanceof Message.Event e) {
            o.put("type", "event");
            event(o, e.event());
        } else {
            Message.Bye b = (Message.Bye) m;
            o.put("type", "bye");
            o.put("reason", b.reason());
        }
        return o.toString();
    }

    private static void capabilities(ObjectNode o, DeviceCapabilities c) {
        o.put("model", c.model());
        o.put("version", c.version());
        ArrayNode q = o.putArray("qubits");
        c.roles().forEach(r -> q.add(r.name()));
        ArrayNode i = o.putArray("interfaces");
        c.interfaces().forEach(p -> i.addObject().put("link", p.link()).put("slotNanos", p.slotNanos()));
        ArrayNode g = o.putArray("gates");
        c.gates().stream().sorted().forEach(x -> g.add(x.name()));
        ArrayNode g2 = o.putArray("twoQubitGates");
        c.twoQubitGates().stream().sorted().forEach(x -> g2.add(x.name()));
        OperationDurations d = c.durations();
        o.putObject("durations").put("initialization", d.initialization()).put("singleQubitGate", d.singleQubitGate())
                .put("twoQubitGate", d.twoQubitGate()).put("measurement", d.measurement())
                .put("emission", d.emission());
        o.put("attemptRuns", c.attemptRuns());
    }

    private static void operation(ObjectNode o, Operation op) {
        if (op instanceof Operation.Init x) {
            o.put("qubit", x.qubit());
        } else if (op instanceof Operation.ApplyGate x) {
            o.put("gate", x.gate().name()).put("qubit", x.qubit());
        } else if (op instanceof Operation.Rotate x) {
            o.put("axis", x.axis().name()).put("angle", x.angle()).put("qubit", x.qubit());
        } else if (op instanceof Operation.ApplyTwoQubitGate x) {
            o.put("gate", x.gate().name()).put("control", x.control())
                    .put("target", x.target());
        } else if (op instanceof Operation.Measure x) {
            o.put("qubit", x.qubit());
            axis(o.putObject("axis"), x.axis());
        } else if (op instanceof Operation.Move x) {
            o.put("from", x.from()).put("to", x.to());
        } else if (op instanceof Operation.Discard x) {
            o.put("qubit", x.qubit());
        } else if (op instanceof Operation.Emit x) {
            o.put("qubit", x.qubit()).put("link", x.link()).put("slot", x.slot())
                    .put("alpha", x.alpha());
        } else if (op instanceof Operation.StartRun x) {
            AttemptRunRequest r = x.request();
            o.put("qubit", r.qubit()).put("link", r.link()).put("firstSlot", r.firstSlot())
                    .put("stride", r.stride()).put("alpha", r.alpha());
            ArrayNode axes = o.putArray("axes");
            r.axes().forEach(a -> axis(axes.addObject(), a));
        } else if (op instanceof Operation.StopRun x) {
            o.put("run", x.run()).put("slot", x.slot());
        }
        // A ping has no arguments.
    }

    private static void axis(ObjectNode o, MeasurementAxis a) {
        o.put("theta", a.theta()).put("phi", a.phi());
    }

    private static void event(ObjectNode o, DeviceEvent e) {
        if (e instanceof DeviceEvent.Herald h) {
            o.put("event", "herald").put("link", h.link()).put("slot", h.slot()).put("detector", h.detector())
                    .put("run", h.run());
            if (h.axis() != null) {
                o.put("outcome", h.outcome());
                axis(o.putObject("axis"), h.axis());
            }
        } else if (e instanceof DeviceEvent.Fault f) {
            o.put("event", "fault").put("message", f.message());
        } else if (e instanceof DeviceEvent.Disconnected d) {
            throw new IllegalArgumentException("a disconnection is noticed by the client, never sent: " + d);
        }
    }

    // ---- decoding

    /**
     * Decodes one frame (without its newline).
     *
     * @throws MalformedFrameException naming the field that is missing, of the wrong type or out of range
     */
    public static Message decode(String line) throws MalformedFrameException {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedFrameException("not a JSON object: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedFrameException("an empty frame");
        }
        Fields f = Fields.of(root, "frame");
        try {
            return message(f);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException("frame: " + e.getMessage()); // a value a record refuses
        }
    }

    private static Message message(Fields f) throws MalformedFrameException {
        String type = f.name("type");
        return switch (type) {
            case "hello" -> new Message.Hello(versions(f), f.name("node"));
            case "welcome" -> new Message.Welcome(f.smallInt("version", 1, Integer.MAX_VALUE),
                    capabilities(f.object("device")), limits(f.object("limits")),
                    f.integer("time", Long.MIN_VALUE, Long.MAX_VALUE));
            case "request" -> new Message.Request(f.integer("id", 1, WireProtocol.MAX_ID), operation(f));
            case "done" -> new Message.Done(f.integer("id", 1, WireProtocol.MAX_ID),
                    f.integer("duration", 0, WireProtocol.MAX_DURATION_NANOS),
                    f.has("outcome") ? f.smallInt("outcome", 0, 1) : -1,
                    f.has("run") ? f.integer("run", 1, WireProtocol.MAX_ID) : 0);
            case "error" -> new Message.Error(f.integer("id", 0, WireProtocol.MAX_ID),
                    f.constant("code", DeviceException.ErrorCode.class), f.text("message", Fields.MAX_TEXT),
                    f.has("versions") ? versions(f) : null);
            case "event" -> new Message.Event(event(f));
            case "bye" -> new Message.Bye(f.has("reason") ? f.text("reason", Fields.MAX_TEXT) : "bye");
            default -> throw f.fail("type", "'" + type + "' is not a message type (hello, welcome, request, done, "
                    + "error, event, bye)");
        };
    }

    private static List<Integer> versions(Fields f) throws MalformedFrameException {
        List<JsonNode> a = f.array("versions", 16);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isInt() || a.get(i).intValue() < 1) {
                throw f.fail("versions[" + i + "]", "must be an integer ≥ 1 (was " + a.get(i) + ")");
            }
            out.add(a.get(i).intValue());
        }
        if (out.isEmpty()) {
            throw f.fail("versions", "must name at least one version");
        }
        return out;
    }

    private static Message.Limits limits(Fields f) throws MalformedFrameException {
        return new Message.Limits(f.smallInt("maxFrameBytes", 256, Integer.MAX_VALUE),
                f.smallInt("maxInFlight", 1, Integer.MAX_VALUE));
    }

    private static DeviceCapabilities capabilities(Fields f) throws MalformedFrameException {
        List<JsonNode> q = f.array("qubits", NodeSpec.MAX_QUBITS);
        List<QubitRole> roles = new ArrayList<>();
        for (int i = 0; i < q.size(); i++) {
            roles.add(enumElement(f, "qubits", i, q.get(i), QubitRole.class));
        }
        if (roles.isEmpty()) {
            throw f.fail("qubits", "must list at least one qubit");
        }
        List<JsonNode> ifs = f.array("interfaces", MAX_LIST);
        List<PhotonicInterface> interfaces = new ArrayList<>();
        for (int i = 0; i < ifs.size(); i++) {
            Fields e = f.element(ifs, i, "interfaces");
            interfaces.add(new PhotonicInterface(e.name("link"), e.integer("slotNanos", 1, Long.MAX_VALUE)));
        }
        EnumSet<Gate> gates = EnumSet.noneOf(Gate.class);
        List<JsonNode> g = f.array("gates", MAX_LIST);
        for (int i = 0; i < g.size(); i++) {
            gates.add(enumElement(f, "gates", i, g.get(i), Gate.class));
        }
        EnumSet<TwoQubitGate> gates2 = EnumSet.noneOf(TwoQubitGate.class);
        List<JsonNode> g2 = f.array("twoQubitGates", MAX_LIST);
        for (int i = 0; i < g2.size(); i++) {
            gates2.add(enumElement(f, "twoQubitGates", i, g2.get(i), TwoQubitGate.class));
        }
        Fields d = f.object("durations");
        long max = WireProtocol.MAX_DURATION_NANOS;
        OperationDurations durations = new OperationDurations(d.integer("initialization", 0, max),
                d.integer("singleQubitGate", 0, max), d.integer("twoQubitGate", 0, max),
                d.integer("measurement", 0, max), d.integer("emission", 0, max));
        return new DeviceCapabilities(f.name("model"), f.name("version"), roles, interfaces, gates, gates2, durations,
                f.bool("attemptRuns"));
    }

    private static <E extends Enum<E>> E enumElement(Fields f, String field, int i, JsonNode v, Class<E> type)
            throws MalformedFrameException {
        if (v.isTextual()) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(v.textValue())) {
                    return e;
                }
            }
        }
        throw f.fail(field + "[" + i + "]", "'" + v + "' is not one of " + Fields.names(type));
    }

    private static Operation operation(Fields f) throws MalformedFrameException {
        String op = f.name("op");
        int maxQubit = NodeSpec.MAX_QUBITS - 1;
        return switch (op) {
            case "init" -> new Operation.Init(f.smallInt("qubit", 0, maxQubit));
            case "gate" -> new Operation.ApplyGate(f.constant("gate", Gate.class), f.smallInt("qubit", 0, maxQubit));
            case "rotate" -> new Operation.Rotate(f.constant("axis", Axis.class), f.number("angle"),
                    f.smallInt("qubit", 0, maxQubit));
            case "gate2" -> new Operation.ApplyTwoQubitGate(f.constant("gate", TwoQubitGate.class),
                    f.smallInt("control", 0, maxQubit), f.smallInt("target", 0, maxQubit));
            case "measure" -> new Operation.Measure(f.smallInt("qubit", 0, maxQubit), axis(f.object("axis")));
            case "move" -> new Operation.Move(f.smallInt("from", 0, maxQubit), f.smallInt("to", 0, maxQubit));
            case "discard" -> new Operation.Discard(f.smallInt("qubit", 0, maxQubit));
            case "emit" -> new Operation.Emit(f.smallInt("qubit", 0, maxQubit), f.name("link"),
                    f.integer("slot", 0, Long.MAX_VALUE), alpha(f));
            case "start-run" -> {
                List<JsonNode> a = f.array("axes", MAX_LIST);
                List<MeasurementAxis> axes = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    axes.add(axis(f.element(a, i, "axes")));
                }
                yield new Operation.StartRun(new AttemptRunRequest(f.smallInt("qubit", 0, maxQubit), f.name("link"),
                        f.integer("firstSlot", 0, Long.MAX_VALUE), f.smallInt("stride", 1, Integer.MAX_VALUE),
                        alpha(f), axes));
            }
            case "stop-run" -> new Operation.StopRun(f.integer("run", 1, WireProtocol.MAX_ID),
                    f.integer("slot", 0, Long.MAX_VALUE));
            case "ping" -> new Operation.Ping();
            default -> throw f.fail("op", "'" + op + "' is not an operation (init, gate, rotate, gate2, measure, "
                    + "move, discard, emit, start-run, stop-run, ping)");
        };
    }

    private static double alpha(Fields f) throws MalformedFrameException {
        double alpha = f.number("alpha");
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw f.fail("alpha", "must be in (0, 0.5] (was " + alpha + ")");
        }
        return alpha;
    }

    private static MeasurementAxis axis(Fields f) throws MalformedFrameException {
        double theta = f.number("theta");
        double phi = f.number("phi");
        if (!(theta >= 0 && theta <= Math.PI) || !(phi >= 0 && phi < 2 * Math.PI)) {
            throw new MalformedFrameException(f.fail("theta", "and phi must be in [0, π] and [0, 2π) (were "
                    + theta + ", " + phi + ")").getMessage());
        }
        return new MeasurementAxis(theta, phi);
    }

    private static DeviceEvent event(Fields f) throws MalformedFrameException {
        String kind = f.name("event");
        return switch (kind) {
            case "herald" -> {
                boolean measured = f.has("outcome") || f.has("axis");
                yield new DeviceEvent.Herald(f.name("link"), f.integer("slot", 0, Long.MAX_VALUE),
                        f.smallInt("detector", 0, 1), f.integer("run", 0, WireProtocol.MAX_ID),
                        measured ? axis(f.object("axis")) : null, measured ? f.smallInt("outcome", 0, 1) : -1);
            }
            case "fault" -> new DeviceEvent.Fault(f.text("message", Fields.MAX_TEXT));
            default -> throw f.fail("event", "'" + kind + "' is not an event (herald, fault)");
        };
    }
}
