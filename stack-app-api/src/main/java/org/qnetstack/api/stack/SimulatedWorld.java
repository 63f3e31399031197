package org.qnetstack.api.stack;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.qnetstack.api.ApiMisuseException;
import org.qnetstack.hal.ClickRoute;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.GroundTruth;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.physical.FibreNetwork;
import org.qnetstack.physical.HeraldingStations;
import org.qnetstack.physical.StationStack;
import org.qnetstack.transport.PreSharedKeys;

/**
 * The world under a simulated network, composed in one place: the simulated platform of a spec, its fibre, the
 * heralding stations (a station with external detectors gets them through a driver, fed the simulated photons),
 * the host of the nodes' programs, and the {@link NodeStack} every node (and a restarted one) is built with.
 * {@code org.qnetstack.api.SimulatedNetwork} runs programs on it and crashes and restarts its nodes.
 */
public final class SimulatedWorld implements AutoCloseable {
    /** How a world's fibre is made from its platform (tests inject faults or watch the messages). */
    @FunctionalInterface
    public interface Fibre {
        /** The plain simulated fibre. */
        Fibre PLAIN = FibreNetwork::on;

        FibreNetwork on(Platform platform);
    }

    private final Platform platform;
    /** The simulated fibre, which crashes and restarts disconnect; the nodes may send on a wrapper of it. */
    private final FibreNetwork classical;
    private final ProgramHost programs;
    private final NodeStack stack;
    private final HeraldingStations stations;
    private final List<BridgedDetectorController> externals = new ArrayList<>();
    private final Duration externalTimeout;

    private SimulatedWorld(PlatformSpec spec, Map<String, ClickRoute> photonRoutes, Duration externalTimeout,
            PreSharedKeys keys, Fibre fibre, UnaryOperator<ClassicalNetwork> wire, UnaryOperator<NodeStack> configure) {
        this.externalTimeout = externalTimeout;
        this.platform = Drivers.openPlatform(URI.create("sim:world"), spec);
        this.classical = fibre.on(platform);
        ClassicalNetwork nodesSendOn = wire.apply(classical);
        this.programs = ProgramHost.on(platform);
        this.stack = configured(NodeStack.on(platform).classical(nodesSendOn).keys(keys), configure, nodesSendOn);
        this.stations = StationStack.on(platform).classical(nodesSendOn).detectors((i, link) ->
                StationSpec.SIMULATED_DETECTORS.equals(link.station().detectors())
                        ? platform.detectorController(link.name())
                        : external(link, i, photonRoutes.get(link.name()))).start();
    }

    /**
     * Opens the world of a spec.
     *
     * @param photonRoutes    where the simulated photons of a link whose station has external detectors go
     * @param externalTimeout how long the simulation waits for an external detector controller's report
     * @param keys            the keys that authenticate the nodes' classical messages
     * @param fibre           the simulated fibre of the platform
     * @param wire            what the nodes send on, given the fibre
     * @param configure       the nodes' stack beyond the defaults; it must keep the classical network given
     * @throws ApiMisuseException if {@code configure} returns null or a stack on another classical network
     * @throws ConfigurationException naming the field if a station's external detectors have no photon route
     */
    public static SimulatedWorld open(PlatformSpec spec, Map<String, ClickRoute> photonRoutes,
            Duration externalTimeout, PreSharedKeys keys, Fibre fibre, UnaryOperator<ClassicalNetwork> wire,
            UnaryOperator<NodeStack> configure) {
        return new SimulatedWorld(spec, photonRoutes, externalTimeout, keys, fibre, wire, configure);
    }

    /** The nodes' stack as the caller configured it; the platform is closed if that fails. */
    private NodeStack configured(NodeStack defaults, UnaryOperator<NodeStack> configure, ClassicalNetwork nodesSendOn) {
        NodeStack configured;
        try {
            configured = configure.apply(defaults);
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        if (configured == null || configured.classical().orElse(null) != nodesSendOn) {
            platform.close();
            throw new ApiMisuseException("stack", "configure the nodes' stack from the one given (e.g. s -> "
                    + "s.admission(...).circuitPolicy(...)): return it, and keep its classical network, the "
                    + "simulated fibre");
        }
        return configured;
    }

    /**
     * A station with external detectors (an emulated device behind a serial port, say) gets its clicks
     * from that device: the simulated photons go to the route, and the simulation waits for the device
     * to report them through its driver before going on.
     */
    private DetectorController external(LinkSpec link, int index, ClickRoute photons) {
        if (photons == null) {
            platform.close();
            throw new ConfigurationException("links[" + index + "].station.detectors", "an external detector "
                    + "controller on a simulated network needs the simulated photons: give a photon route for "
                    + link.name() + " (was " + link.station().detectors() + ")");
        }
        BridgedDetectorController bridge = new BridgedDetectorController(link.station().detectors(),
                platform.scheduler(link.station().name()).clock(), externalTimeout);
        externals.add(bridge);
        platform.routeClicks(link.name(), (clicks, watermarkPs) -> {
            photons.deliver(clicks, watermarkPs);
            bridge.awaitWatermark(watermarkPs);
        });
        return bridge;
    }

    public PlatformSpec spec() {
        return platform.spec();
    }

    /** Runs the programs of the world's nodes. */
    public ProgramHost programs() {
        return programs;
    }

    /** Builds a node's stack, as configured, its programs run by {@link #programs()}. */
    public StackNode build(String node) {
        return stack.build(node, programs);
    }

    /** The event loop of a node or station; all share the world's one virtual timeline. */
    public Scheduler scheduler(String nodeOrStation) {
        return platform.scheduler(nodeOrStation);
    }

    /** The simulator's true quantum state. */
    public GroundTruth groundTruth() {
        return platform.groundTruth().orElseThrow();
    }

    /** The link of the spec with this name, with its model of success probability and heralded state. */
    public HeraldedLink link(String name) {
        return platform.link(name);
    }

    /** Events the world has dispatched so far (every message delivery, timer and device step is one). */
    public long events() {
        return platform.dispatchedEvents().orElseThrow();
    }

    /** Classical messages the nodes and stations have sent so far on the fibre. */
    public long classicalMessages() {
        return classical.sent();
    }

    /** A node crashed: its classical messages are lost from now on, and the stations of its links forget it. */
    public void disconnect(String node) {
        classical.disconnect(node);
        stations.endDown(node);
    }

    /** A crashed node is back: its messages flow again, and the stations of its links serve it afresh. */
    public void reconnect(String node) {
        classical.reconnect(node);
        stations.endRestarted(node);
    }

    /** Closes the stations, the external detectors and the platform (the nodes are closed first, by their owner). */
    @Override
    public void close() {
        stations.close();
        externals.forEach(BridgedDetectorController::close);
        platform.close();
    }
}
