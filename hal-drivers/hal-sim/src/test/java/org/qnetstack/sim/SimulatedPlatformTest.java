package org.qnetstack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.DriverNotFoundException;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.QubitAddress;
import org.qnetstack.hal.StateWatcher;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.hal.TwoQubitGate;

class SimulatedPlatformTest {
    static PlatformSpec spec(NodeSpec a, NodeSpec b, double km) {
        return new PlatformSpec(5, List.of(a, b), List.of(new LinkSpec("l", a.name(), b.name(), km,
                HeraldingScheme.SINGLE_CLICK, new StationSpec("st", StationSpec.SIMULATED_DETECTORS), Map.of())));
    }

    @Test
    void driversFindTheSimulatorByUriAndExplainWhatIsMissing() {
        PlatformSpec spec = spec(NodeSpec.of("a", "ideal"), NodeSpec.of("b", "ideal"), 1);
        try (Platform p = Drivers.openPlatform(URI.create("sim:world"), spec)) {
            assertInstanceOf(SimulatedPlatform.class, p);
        }
        DriverNotFoundException e = assertThrows(DriverNotFoundException.class,
                () -> Drivers.openPlatform(URI.create("tcp://node:1234"), spec));
        assertTrue(e.getMessage().contains("SimulatedPlatformProvider"), e.getMessage());
    }

    @Test
    void detectorControllerReportsClicksOnlyWhileArmedAndCountsThem() {
        // Lossless, number-resolving detection at α = 0.5: every attempt clicks one detector or two.
        try (SimulatedPlatform p = new SimulatedPlatform(spec(NodeSpec.of("a", "ideal"), NodeSpec.of("b", "ideal"), 1))) {
            DetectorController dc = p.detectorController("l");
            List<ClickEvent> clicks = new ArrayList<>();
            dc.clicks().subscribe(clicks::add);
            attempt(p, 0);
            assertTrue(clicks.isEmpty(), "disarmed: no clicks");
            dc.setCoincidenceWindow(1000).then(dc.arm()).block();
            assertTrue(dc.isArmed());
            assertEquals(1000, dc.coincidenceWindowPs());
            for (int slot = 1; slot <= 50; slot++) {
                attempt(p, slot);
            }
            assertFalse(clicks.isEmpty());
            long total = dc.counters().block().clicksPerChannel().stream().mapToLong(Long::longValue).sum();
            assertEquals(clicks.size(), total);
            for (int i = 1; i < clicks.size(); i++) {
                assertTrue(clicks.get(i).timePs() >= clicks.get(i - 1).timePs(), "time-tag order");
            }
            dc.resetCounters().block();
            assertEquals(0L, dc.counters().block().clicksPerChannel().get(0));
            assertThrows(IllegalArgumentException.class, () -> dc.setCoincidenceWindow(0).block());
        }
    }

    private static void attempt(SimulatedPlatform p, long slot) {
        long at = slot * p.link("l").slotNanos();
        p.runUntil(() -> p.nanos() >= at, at - p.nanos());
        for (String n : new String[] {"a", "b"}) {
            QuantumDevice d = p.device(n);
            d.initialize(0);
            d.emit(0, "l", slot, 0.5);
        }
        p.runUntil(() -> false, 1_000_000);
    }

    @Test
    void aWatcherHearsOfEveryPairMadeAndEveryTwoQubitGateWithItsTime() {
        try (SimulatedPlatform p = new SimulatedPlatform(spec(new NodeSpec("a", "ideal", Map.of(), 2),
                NodeSpec.of("b", "ideal"), 1))) {
            List<String> events = new ArrayList<>();
            p.groundTruth().orElseThrow().watch(new StateWatcher() {
                @Override
                public void paired(QubitAddress a, QubitAddress b, long nanos) {
                    assertEquals(p.nanos(), nanos, "told at the simulated time of the event");
                    events.add("paired " + a + " " + b);
                }

                @Override
                public void twoQubitGate(QubitAddress control, QubitAddress target, long nanos) {
                    assertEquals(p.nanos(), nanos, "told at the simulated time of the event");
                    events.add("gate " + control + " " + target);
                }
            });
            DetectorController dc = p.detectorController("l");
            List<ClickEvent> clicks = new ArrayList<>();
            dc.clicks().subscribe(clicks::add);
            dc.setCoincidenceWindow(1000).then(dc.arm()).block();
            long slot = 1;
            while (events.isEmpty() && slot < 100) {
                attempt(p, slot++);
            }
            // α = 0.5, lossless: an attempt pairs the spins whenever exactly one detector clicks, and only then.
            assertEquals(List.of("paired a#0 b#0"), events);
            assertEquals(1, clicks.size(), "the herald: one click");
            p.device("a").apply(TwoQubitGate.CNOT, 0, 1);
            assertEquals(List.of("paired a#0 b#0", "gate a#0 a#1"), events);
        }
    }

    @Test
    void memoryDecaysLazilyAsTheFormulaSays() {
        // Φ+ made locally on two storage-free qubits of one node, then left alone for t.
        double t1 = 2e6;
        double t2 = 1e6;
        Map<String, Object> noisy = Map.of("communicationQubits", 2, "communicationT1", t1, "communicationT2", t2);
        try (SimulatedPlatform p = new SimulatedPlatform(spec(new NodeSpec("a", "ideal", noisy, 2),
                NodeSpec.of("b", "ideal"), 1))) {
            QuantumDevice d = p.device("a");
            d.apply(Gate.H, 0);
            d.apply(TwoQubitGate.CNOT, 0, 1);
            for (double t : new double[] {1e5, 5e5, 2e6}) {
                long until = (long) t;
                p.scheduler("a").post(until - p.nanos(), () -> { });
                p.runUntil(() -> false, Long.MAX_VALUE);
                double g = 1 - Math.exp(-t / t1);
                double expected = 0.25 * (1 + g * g + (1 - g) * (1 - g)) + 0.5 * Math.exp(-2 * t / t2);
                double f = p.groundTruth().orElseThrow().bellFidelity(new QubitAddress("a", 0), new QubitAddress("a", 1), 0);
                assertEquals(expected, f, 1e-12, "t = " + t);
            }
        }
    }

    @Test
    void readoutErrorsAreAsymmetricAsConfigured() {
        int n = 20_000;
        Map<String, Object> readout = Map.of("readoutError0", 0.1, "readoutError1", 0.02);
        try (SimulatedPlatform p = new SimulatedPlatform(spec(new NodeSpec("a", "ideal", readout, 0),
                NodeSpec.of("b", "ideal"), 1))) {
            QuantumDevice d = p.device("a");
            int onesFromZero = 0;
            int zerosFromOne = 0;
            for (int i = 0; i < n; i++) {
                d.initialize(1);
                onesFromZero += d.measure(1, Basis.Z).outcome();
                d.initialize(1);
                d.apply(Gate.X, 1);
                zerosFromOne += 1 - d.measure(1, Basis.Z).outcome();
            }
            // 4σ of a binomial proportion over n draws
            assertEquals(0.1, onesFromZero / (double) n, 4 * Math.sqrt(0.1 * 0.9 / n));
            assertEquals(0.02, zerosFromOne / (double) n, 4 * Math.sqrt(0.02 * 0.98 / n));
        }
    }

    @Test
    void badSpecsAreRefusedWithThePathOfTheField() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new SimulatedPlatform(
                spec(new NodeSpec("a", "nv-2022", Map.of("communicationT2", "5h"), 0), NodeSpec.of("b", "ideal"), 1)));
        assertEquals("nodes[0].device.communicationT2", e.path());
        ConfigurationException link = assertThrows(ConfigurationException.class, () -> new SimulatedPlatform(
                new PlatformSpec(1, List.of(NodeSpec.of("a", "ideal"), NodeSpec.of("b", "ideal")),
                        List.of(new LinkSpec("l", "a", "b", 1, HeraldingScheme.SINGLE_CLICK,
                                new StationSpec("st", StationSpec.SIMULATED_DETECTORS), Map.of("colour", "blue"))))));
        assertEquals("links[0].colour", link.path());
        try (SimulatedPlatform external = new SimulatedPlatform(
                new PlatformSpec(1, List.of(NodeSpec.of("a", "ideal"), NodeSpec.of("b", "ideal")),
                        List.of(new LinkSpec("l", "a", "b", 1, HeraldingScheme.SINGLE_CLICK,
                                new StationSpec("st", URI.create("serial:/dev/ttyUSB0")), Map.of()))))) {
            // The platform does not drive external detectors: it routes their photons.
            assertThrows(IllegalStateException.class, () -> external.detectorController("l"));
        }
    }

    @Test
    void gaussianDephasingOfIonsFollowsTheAgeOfTheStateEvenWhenTouchedInBetween() {
        // ion-2022: coherence exp(−2t²/τ²), τ = 85 ms. Touching the qubit halfway must not reset the clock.
        double tau = 85e6;
        try (SimulatedPlatform p = new SimulatedPlatform(spec(new NodeSpec("a", "ion-2022",
                Map.of("gateCommunicationError", 0, "initCommunicationError", 0), 0), NodeSpec.of("b", "ideal"), 1))) {
            QuantumDevice d = p.device("a");
            d.initialize(0);
            d.apply(Gate.H, 0);
            var truth = p.groundTruth().orElseThrow();
            double[] plus = {Math.sqrt(0.5), 0, Math.sqrt(0.5), 0};
            for (double t : new double[] {20e6, 40e6, 60e6}) {
                p.scheduler("a").post((long) t - p.nanos(), () -> { });
                p.runUntil(() -> false, Long.MAX_VALUE);
                double coherence = Math.exp(-2 * t * t / (tau * tau));
                assertEquals((1 + coherence) / 2, truth.fidelity(new QubitAddress("a", 0), plus), 1e-9, "t = " + t);
            }
        }
    }
}
