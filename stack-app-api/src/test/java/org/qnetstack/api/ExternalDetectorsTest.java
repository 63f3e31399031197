package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.ClickRoute;
import org.qnetstack.api.InvalidConfigurationException;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;

/** A station whose detector controller is an external device on another thread: same run, bit for bit. */
class ExternalDetectorsTest {
    static PlatformSpec spec(URI detectors) {
        return new PlatformSpec(17, List.of(NodeSpec.of("alice", "nv-2022"), NodeSpec.of("bob", "nv-2022")),
                List.of(new LinkSpec("alice-bob", "alice", "bob", 10, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec("alice-bob-station", detectors), Map.of())));
    }

    static final ClickRoute TO_FAKE_DEVICE = (clicks, watermark) -> FakeExternalDevice.FEED.add(new Object[] {clicks, watermark});

    static List<String> run(SimulatedNetwork net, int pairs) {
        List<String> seen = new ArrayList<>();
        net.runReactive("alice", n -> n.eprSocket("bob").createMeasure(pairs, MeasureBasis.RANDOM_XZ)
                .doOnNext(m -> seen.add(m.id() + " " + m.bellIndex() + " " + m.basis() + m.outcome())));
        net.runReactive("bob", n -> n.eprSocket("alice").recvMeasure(pairs)
                .doOnNext(m -> seen.add(m.id() + " " + m.bellIndex() + " " + m.basis() + m.outcome())));
        net.awaitCompletion();
        return seen;
    }

    @Test
    void anExternalDeviceGivesTheSamePairsAsTheSimulatedDetectors() {
        List<String> simulated;
        try (SimulatedNetwork net = SimulatedNetwork.of(spec(StationSpec.SIMULATED_DETECTORS))) {
            simulated = run(net, 100);
        }
        List<String> external;
        try (SimulatedNetwork net = SimulatedNetwork.of(spec(URI.create("fake:ok")),
                Map.of("alice-bob", TO_FAKE_DEVICE))) {
            external = run(net, 100);
        }
        assertEquals(200, simulated.size());
        assertEquals(simulated, external);
    }

    @Test
    void aDeviceThatNeverReportsYieldsNoPairsAndTheRunEnds() {
        try (SimulatedNetwork net = SimulatedNetwork.of(spec(URI.create("fake:silent")),
                Map.of("alice-bob", TO_FAKE_DEVICE), java.time.Duration.ofMillis(200))) {
            net.runReactive("alice", n -> n.eprSocket("bob").createMeasure(1, MeasureBasis.Z));
            // Each herald waits for the device at most 200 ms (real time), then counts as lost: no pair.
            SimulationException e = assertThrows(SimulationException.class,
                    () -> net.awaitCompletion(java.time.Duration.ofSeconds(2)));
            assertTrue(e.getMessage().contains("time limit"), e.getMessage());
        }
    }

    @Test
    void anExternalDeviceWithoutAPhotonRouteIsAConfigurationError() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> SimulatedNetwork.of(spec(URI.create("fake:ok"))));
        assertEquals("links[0].station.detectors", e.path());
    }
}
