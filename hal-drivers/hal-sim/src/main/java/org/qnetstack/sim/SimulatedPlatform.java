package org.qnetstack.sim;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.qnetstack.hal.ClickRoute;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.GroundTruth;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.sim.internal.RandomStreams;
import org.qnetstack.sim.internal.SimWorld;

/**
 * A whole network simulated in one process on one virtual timeline: every node's device, every
 * link's fibre and station. Same seed and spec, same run, bit for bit. Open it directly or through
 * {@code Drivers.openPlatform(URI.create("sim:world"), spec)}.
 */
public final class SimulatedPlatform implements Platform {
    private final SimWorld world;

    public SimulatedPlatform(PlatformSpec spec) {
        this.world = new SimWorld(spec);
    }

    @Override
    public PlatformSpec spec() {
        return world.spec();
    }

    @Override
    public Scheduler scheduler(String nodeOrStation) {
        world.checkNodeOrStation(nodeOrStation);
        return world.kernel();
    }

    @Override
    public QuantumDevice device(String node) {
        return world.device(node);
    }

    @Override
    public DetectorController detectorController(String link) {
        return world.detectors(link);
    }

    @Override
    public HeraldedLink link(String link) {
        return world.link(link);
    }

    @Override
    public void routeClicks(String link, ClickRoute route) {
        world.routeClicks(link, route);
    }

    @Override
    public RandomGenerator random(String stream) {
        return RandomStreams.derive(world.spec().seed(), "stack/" + stream);
    }

    @Override
    public Optional<GroundTruth> groundTruth() {
        return Optional.of(world.groundTruth());
    }

    @Override
    public RunOutcome runUntil(BooleanSupplier condition, long maxNanos) {
        return world.kernel().runUntil(condition, maxNanos);
    }

    /** Virtual time now, in ns. */
    public long nanos() {
        return world.kernel().nanos();
    }

    /** Events run so far. */
    @Override
    public java.util.OptionalLong dispatchedEvents() {
        return java.util.OptionalLong.of(world.kernel().dispatchedEvents());
    }

    /** Attempts resolved on a link so far (slots in which at least one end emitted). */
    public long attempts(String link) {
        return world.attempts(link);
    }

    @Override
    public void close() {
        world.close();
    }
}
