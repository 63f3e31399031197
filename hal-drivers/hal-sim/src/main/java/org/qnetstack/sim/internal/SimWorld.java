package org.qnetstack.sim.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qnetstack.hal.ClickRoute;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.GroundTruth;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.QubitAddress;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.hal.StateWatcher;
import org.qnetstack.sim.device.DeviceParameters;
import org.qnetstack.sim.kernel.EventKernel;
import org.qnetstack.sim.state.StateEngine;

/**
 * Everything simulated: the kernel, the quantum state of every qubit, the devices and the links with
 * their stations. Built from a {@link PlatformSpec}; every problem with the spec is reported as a
 * {@link ConfigurationException} naming the field.
 */
public final class SimWorld {
    private final PlatformSpec spec;
    private final EventKernel kernel = new EventKernel();
    private final StateEngine engine = new StateEngine();
    private final Map<String, SimQuantumDevice> devices = new LinkedHashMap<>();
    private final Map<String, SimLink> links = new LinkedHashMap<>();
    private final Map<String, SimDetectorController> detectors = new LinkedHashMap<>();
    private final Map<String, String> stations = new LinkedHashMap<>();
    private final GroundTruth groundTruth = new SimGroundTruth(this);
    private final java.util.List<StateWatcher> watchers = new java.util.ArrayList<>();

    private final boolean skipFailures;

    public SimWorld(PlatformSpec spec) {
        this.spec = spec;
        this.skipFailures = attemptsOption(spec);
        for (int i = 0; i < spec.nodes().size(); i++) {
            NodeSpec n = spec.nodes().get(i);
            String path = "nodes[" + i + "]";
            if (devices.containsKey(n.name())) {
                throw new ConfigurationException(path + ".name", "duplicate node name '" + n.name() + "'");
            }
            DeviceParameters params;
            try {
                params = DeviceParameters.of(n.device(), n.overrides());
            } catch (ConfigurationException e) {
                throw e.under(path + ".device");
            }
            int qubits = n.qubits() == 0 ? params.qubits() : n.qubits();
            if (qubits < 0 || qubits > NodeSpec.MAX_QUBITS) {
                throw new ConfigurationException(path + ".qubits", "must be from 1 to " + NodeSpec.MAX_QUBITS
                        + " (was " + qubits + ")");
            }
            if (qubits < params.communicationQubits()) {
                throw new ConfigurationException(path + ".qubits", "must be ≥ the device's " + params.communicationQubits()
                        + " communication qubit(s) (was " + qubits + ")");
            }
            devices.put(n.name(), new SimQuantumDevice(n.name(), params, qubits, this,
                    RandomStreams.derive(spec.seed(), "device/" + n.name())));
        }
        // By name: looking each link's node up in the list was O(N) per link, O(N²) to build a chain.
        Map<String, NodeSpec> nodeSpecs = new java.util.HashMap<>();
        for (NodeSpec n : spec.nodes()) {
            nodeSpecs.putIfAbsent(n.name(), n);
        }
        for (int i = 0; i < spec.links().size(); i++) {
            LinkSpec l = spec.links().get(i);
            String path = "links[" + i + "]";
            SimQuantumDevice a = devices.get(l.nodeA());
            SimQuantumDevice b = devices.get(l.nodeB());
            if (a == null || b == null || l.nodeA().equals(l.nodeB())) {
                throw new ConfigurationException(path + ".between", "must name two different declared nodes (was "
                        + l.nodeA() + ", " + l.nodeB() + "; declared: " + String.join(", ", devices.keySet()) + ")");
            }
            if (!(l.lengthKm() >= 0 && l.lengthKm() <= LinkSpec.MAX_LENGTH_KM)) {
                throw new ConfigurationException(path + ".lengthKm", "must be finite, ≥ 0 and ≤ "
                        + (long) LinkSpec.MAX_LENGTH_KM + " km (was " + l.lengthKm() + ")");
            }
            if (links.containsKey(l.name())) {
                throw new ConfigurationException(path + ".name", "duplicate link name '" + l.name() + "'");
            }
            String station = l.station().name();
            if (devices.containsKey(station) || stations.containsKey(station)) {
                throw new ConfigurationException(path + ".station.name", "'" + station + "' is already a node or station");
            }
            DeviceParameters linkParams;
            try {
                DeviceParameters.checkLinkOverrides(l.overrides());
                Map<String, Object> merged = new LinkedHashMap<>(nodeSpecs.get(l.nodeA()).overrides());
                merged.putAll(l.overrides());
                linkParams = DeviceParameters.of(a.parameters().model(), merged);
            } catch (ConfigurationException e) {
                throw e.under(path);
            }
            SimDetectorController dc = new SimDetectorController(station, kernel, linkParams.detectionWindow() * 1000);
            SimLink link = new SimLink(l, a.parameters(), b.parameters(), linkParams, this,
                    RandomStreams.derive(spec.seed(), "link/" + l.name()), dc);
            if (l.name().equals(spec.options().get("interceptResend"))) {
                link.interceptResend(RandomStreams.derive(spec.seed(), "eve/" + l.name()));
            }
            links.put(l.name(), link);
            detectors.put(l.name(), dc);
            stations.put(station, l.name());
        }
    }

    /**
     * {@code options.attempts}: {@code skip} (default) or {@code step}; {@code options.interceptResend}: the
     * name of a link on which an eavesdropper measures node B's half of every heralded pair.
     */
    private static boolean attemptsOption(PlatformSpec spec) {
        for (Map.Entry<String, Object> o : spec.options().entrySet()) {
            switch (o.getKey()) {
                case "attempts" -> {
                    if (!"skip".equals(o.getValue()) && !"step".equals(o.getValue())) {
                        throw new ConfigurationException("options.attempts", "must be skip or step (was '"
                                + o.getValue() + "')");
                    }
                }
                case "interceptResend" -> {
                    if (spec.link(String.valueOf(o.getValue())).isEmpty()) {
                        throw new ConfigurationException("options.interceptResend", "must name a link (was '"
                                + o.getValue() + "')");
                    }
                }
                default -> throw new ConfigurationException("options." + o.getKey(),
                        "unknown simulator option (known: attempts, interceptResend)");
            }
        }
        return !"step".equals(spec.options().getOrDefault("attempts", "skip"));
    }

    /** Whether devices run their attempts by themselves, with failures skipped. */
    boolean skipsFailures() {
        return skipFailures;
    }

    /** The node and qubit number of a state-engine qubit. */
    void watch(StateWatcher watcher) {
        watchers.add(java.util.Objects.requireNonNull(watcher, "watcher"));
    }

    /** Tells the watchers that two qubits were just given an entangled state. */
    void paired(SimQuantumDevice a, int qubitA, SimQuantumDevice b, int qubitB) {
        if (!watchers.isEmpty()) {
            QubitAddress qa = new QubitAddress(a.node(), qubitA);
            QubitAddress qb = new QubitAddress(b.node(), qubitB);
            for (StateWatcher w : watchers) {
                w.paired(qa, qb, kernel.nanos());
            }
        }
    }

    /** Tells the watchers that a two-qubit gate just acted on two qubits of a node. */
    void twoQubitGate(String node, int control, int target) {
        if (!watchers.isEmpty()) {
            QubitAddress c = new QubitAddress(node, control);
            QubitAddress t = new QubitAddress(node, target);
            for (StateWatcher w : watchers) {
                w.twoQubitGate(c, t, kernel.nanos());
            }
        }
    }

    QubitAddress addressOf(int engineId) {
        for (SimQuantumDevice d : devices.values()) {
            for (int q = 0; q < d.info().qubitCount(); q++) {
                if (d.engineId(q) == engineId) {
                    return new QubitAddress(d.node(), q);
                }
            }
        }
        throw new IllegalArgumentException("no device qubit has engine id " + engineId);
    }

    public PlatformSpec spec() {
        return spec;
    }

    public EventKernel kernel() {
        return kernel;
    }

    public StateEngine engine() {
        return engine;
    }

    public QuantumDevice device(String node) {
        return simDevice(node);
    }

    SimQuantumDevice simDevice(String node) {
        return named(devices, "node", node);
    }

    /** The entry of that name, or an error listing the names there are. */
    private static <T> T named(Map<String, T> entries, String kind, String name) {
        T entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("no " + kind + " '" + name + "' (" + kind + "s: "
                    + String.join(", ", entries.keySet()) + ")");
        }
        return entry;
    }

    public HeraldedLink link(String name) {
        return simLink(name);
    }

    SimLink simLink(String name) {
        return named(links, "link", name);
    }

    public DetectorController detectors(String link) {
        SimLink l = simLink(link);
        if (!StationSpec.SIMULATED_DETECTORS.equals(l.spec().station().detectors())) {
            throw new IllegalStateException("the station of " + link + " uses the detector controller at "
                    + l.spec().station().detectors() + ": open it with Drivers and route this link's clicks to it");
        }
        return detectors.get(link);
    }

    /** Sends the clicks of a link whose station has external detectors to the route. */
    public void routeClicks(String link, ClickRoute route) {
        SimLink l = simLink(link);
        if (StationSpec.SIMULATED_DETECTORS.equals(l.spec().station().detectors())) {
            throw new IllegalStateException("the station of " + link + " uses the simulated detectors; "
                    + "set its detectors to the external device's URI first");
        }
        detectors.get(link).route(route);
    }

    public void checkNodeOrStation(String name) {
        if (!devices.containsKey(name) && !stations.containsKey(name)) {
            throw new IllegalArgumentException("no node or station '" + name + "' (nodes: "
                    + String.join(", ", devices.keySet()) + "; stations: " + String.join(", ", stations.keySet()) + ")");
        }
    }

    public GroundTruth groundTruth() {
        return groundTruth;
    }

    void registerEmission(SimQuantumDevice device, int qubit, String link, long slot, double alpha) {
        SimLink l = simLink(link);
        if (!l.spec().connects(device.node())) {
            throw new IllegalArgumentException(device.node() + " is not an end of link " + link);
        }
        l.register(device, qubit, slot, alpha);
    }

    /** Total attempts resolved on all links (for statistics). */
    public long attempts(String link) {
        return simLink(link).attempts();
    }

    public void close() {
        detectors.values().forEach(SimDetectorController::close);
    }
}
