package org.qnetstack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QubitAddress;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.hal.device.DeviceDisconnectedException;
import org.qnetstack.hal.device.DeviceEvent;
import org.qnetstack.hal.device.SynchronousDeviceAdapter;

/**
 * The simulator behind the asynchronous contract ({@link SynchronousDeviceAdapter}): single attempts made with
 * emit are heralded at both ends for their slot and leave the Bell state the herald names; operations complete
 * after their duration on the virtual clock; closing fails what is in progress.
 */
class AsyncAdapterTest {
    private static final String LINK = "alice-bob";

    private static SimulatedPlatform platform() {
        return new SimulatedPlatform(new PlatformSpec(9, List.of(NodeSpec.of("alice", "ideal"),
                NodeSpec.of("bob", "ideal")), List.of(new LinkSpec(LINK, "alice", "bob", 1,
                HeraldingScheme.SINGLE_CLICK, new StationSpec("s", StationSpec.SIMULATED_DETECTORS), Map.of()))));
    }

    @Test
    void emittedAttemptsAreHeraldedAtBothEndsWithTheBellStateTheyName() {
        try (SimulatedPlatform p = platform()) {
            SynchronousDeviceAdapter a = SynchronousDeviceAdapter.open(p, "alice");
            SynchronousDeviceAdapter b = SynchronousDeviceAdapter.open(p, "bob");
            List<DeviceEvent.Herald> atA = new CopyOnWriteArrayList<>();
            List<DeviceEvent.Herald> atB = new CopyOnWriteArrayList<>();
            a.addListener(e -> atA.add((DeviceEvent.Herald) e));
            b.addListener(e -> atB.add((DeviceEvent.Herald) e));
            long slotNanos = p.link(LINK).slotNanos();
            long slot = 1;
            // α = 0.5 on an ideal link: about half the attempts are heralded; 60 misses in a row have odds 2⁻⁶⁰.
            while (atA.isEmpty() && slot < 60) {
                long s = slot++;
                p.scheduler("alice").scheduleAt(s * slotNanos, () -> {
                    a.initialize(0).thenCompose(c -> a.emit(0, LINK, s, 0.5));
                    b.initialize(0).thenCompose(c -> b.emit(0, LINK, s, 0.5));
                });
                p.runUntil(() -> false, Long.MAX_VALUE / 4);
            }
            assertEquals(1, atA.size(), "one herald at alice");
            assertEquals(atA, atB, "the same herald at bob");
            DeviceEvent.Herald h = atA.get(0);
            assertEquals(0, h.run(), "an emitted attempt's herald names no run");
            assertEquals(slot - 1, h.slot(), "the herald names the slot of the attempt");
            assertFalse(h.measured());
            double fidelity = p.groundTruth().orElseThrow().bellFidelity(new QubitAddress("alice", 0),
                    new QubitAddress("bob", 0), 2 + h.detector());
            assertEquals(1, fidelity, 1e-9, "detector 0 heralds Ψ+, detector 1 Ψ− (ideal link)");
        }
    }

    @Test
    void operationsCompleteAfterTheirDurationAndClosingFailsWhatIsInProgress() {
        try (SimulatedPlatform p = platform()) {
            SynchronousDeviceAdapter a = SynchronousDeviceAdapter.open(p, "alice");
            long start = p.nanos();
            CompletableFuture<?> init = a.initialize(1).toCompletableFuture();
            assertFalse(init.isDone(), "a storage qubit's initialisation takes 300 µs");
            p.runUntil(init::isDone, 1_000_000_000);
            assertEquals(300_000, p.nanos() - start, "completed when its duration had passed (the ideal preset's "
                    + "initStorageDuration: 300 µs)");
            CompletableFuture<?> gate = a.apply(Gate.H, 1).toCompletableFuture();
            assertEquals(1, a.inProgress());
            a.close();
            assertTrue(gate.isCompletedExceptionally());
            assertInstanceOf(DeviceDisconnectedException.class, gate.handle((v, e) -> e).join());
            assertEquals(0, a.inProgress(), "nothing left scheduled");
        }
    }
}
