package org.qnetstack.hal.tck;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.sim.SimulatedPlatform;
import reactor.core.Disposable;

/**
 * The simulated detector controller under the kit. Its clicks come from photons, so it cannot replay
 * chosen clicks: it declares {@code producesExactClicks() == false} and makes clicks the way the stack
 * does, by having both nodes of an {@code ideal} link attempt entanglement at α = 0.5 (about half the
 * attempts click) and running the simulation's kernel. Waiting means running the kernel, not sleeping.
 */
class SimulatedDetectorControllerConformanceTest extends DetectorControllerConformance {
    private static final String LINK = "alice-bob";
    private static final double ALPHA = 0.5;
    /** Attempts per click asked for before giving up: P(no click in 100 attempts) ≈ 2⁻¹⁰⁰. */
    private static final int ATTEMPTS_PER_CLICK = 100;
    /** Attempts made while disarmed, where no click may come out. */
    private static final int DISARMED_ATTEMPTS = 50;

    private SimulatedPlatform platform;

    @Override
    protected DetectorController newController() {
        platform = new SimulatedPlatform(new PlatformSpec(7,
                List.of(NodeSpec.of("alice", "ideal"), NodeSpec.of("bob", "ideal")),
                List.of(new LinkSpec(LINK, "alice", "bob", 2, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec("station", StationSpec.SIMULATED_DETECTORS), Map.of()))));
        return platform.detectorController(LINK);
    }

    @AfterEach
    void closePlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Override
    protected boolean producesExactClicks() {
        return false;
    }

    @Override
    protected void produceClicks(DetectorController controller, List<ClickEvent> wanted) {
        AtomicInteger seen = new AtomicInteger();
        Disposable counting = controller.clicks().subscribe(c -> seen.incrementAndGet());
        try {
            int attempts = controller.isArmed() ? ATTEMPTS_PER_CLICK * wanted.size() : DISARMED_ATTEMPTS;
            for (int i = 0; i < attempts && (!controller.isArmed() || seen.get() < wanted.size()); i++) {
                attempt();
            }
        } finally {
            counting.dispose();
        }
    }

    /** Both nodes emit in the next slot; the kernel runs until the photons have reached the detectors. */
    private void attempt() {
        HeraldedLink link = platform.link(LINK);
        long slot = platform.nanos() / link.slotNanos() + 1;
        platform.scheduler("alice").scheduleAt(slot * link.slotNanos(), () -> {
            for (String node : List.of("alice", "bob")) {
                QuantumDevice device = platform.device(node);
                int qubit = device.info().roles().indexOf(QubitRole.COMMUNICATION);
                device.initialize(qubit);
                device.emit(qubit, LINK, slot, ALPHA);
            }
        });
        platform.runUntil(() -> false, Long.MAX_VALUE / 4); // returns once idle: the clicks have fired
    }

    @Override
    protected boolean awaitCondition(BooleanSupplier condition, Duration within) {
        platform.runUntil(condition, within.toNanos());
        return condition.getAsBoolean();
    }
}
