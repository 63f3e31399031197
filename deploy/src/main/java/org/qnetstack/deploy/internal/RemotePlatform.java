package org.qnetstack.deploy.internal;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.GroundTruth;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.sim.SimulatedPlatform;

/**
 * The platform of ONE node whose device and clock live in the world service. Link models and random
 * streams are derived locally from the same network file and seed (they are pure functions of them), so
 * the stack draws the same random numbers as it would in one process.
 */
final class RemotePlatform implements Platform {
    private final String node;
    private final SimulatedPlatform model;
    private final RemoteDevice device;
    private final LockstepScheduler scheduler;

    RemotePlatform(String node, SimulatedPlatform model, RemoteDevice device, LockstepScheduler scheduler) {
        this.node = node;
        this.model = model;
        this.device = device;
        this.scheduler = scheduler;
    }

    private void own(String name, String what) {
        if (!node.equals(name)) {
            throw new IllegalArgumentException("the process of node " + node + " has no " + what + " of " + name
                    + ": each node's process reaches only its own");
        }
    }

    @Override
    public PlatformSpec spec() {
        return model.spec();
    }

    @Override
    public Scheduler scheduler(String nodeOrStation) {
        own(nodeOrStation, "event loop");
        return scheduler;
    }

    @Override
    public QuantumDevice device(String name) {
        own(name, "device");
        return device;
    }

    @Override
    public DetectorController detectorController(String link) {
        throw new UnsupportedOperationException("detectors are at the stations, in the world service");
    }

    @Override
    public HeraldedLink link(String link) {
        return model.link(link);
    }

    @Override
    public RandomGenerator random(String stream) {
        return model.random(stream);
    }

    @Override
    public Optional<GroundTruth> groundTruth() {
        return Optional.empty();
    }

    @Override
    public RunOutcome runUntil(BooleanSupplier condition, long maxNanos) {
        throw new UnsupportedOperationException("the world service drives this node's loop");
    }

    @Override
    public void close() {
        model.close();
    }
}
