package org.qnetstack.physical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.sim.SimulatedPlatform;

/** The station's inbound dispatch: run messages are served, anything else is rejected once and counted. */
class HeraldingStationTest implements ClassicalNetwork {
    private static final String LINK = "alice-bob";
    private static final String STATION = "alice-bob-station";
    private final SimulatedPlatform platform = new SimulatedPlatform(new PlatformSpec(1,
            List.of(NodeSpec.of("alice", "ideal"), NodeSpec.of("bob", "ideal")),
            List.of(new LinkSpec(LINK, "alice", "bob", 2, HeraldingScheme.SINGLE_CLICK,
                    new StationSpec(STATION, StationSpec.SIMULATED_DETECTORS), Map.of()))));
    private final HeraldingStation station = new HeraldingStation(platform.link(LINK),
            platform.detectorController(LINK), platform.scheduler(STATION), this);
    private final List<Envelope> sent = new ArrayList<>();
    private @Nullable Consumer<Envelope> handler;

    @AfterEach
    void close() {
        station.stop();
        platform.close();
    }

    private void deliver(String from, Object payload) {
        assertNotNull(handler, "the station registered its protocol");
        handler.accept(new Envelope(from, STATION, HeraldingStation.protocolFor(LINK), payload));
    }

    @Test
    void aRunFromItsNodeIsAcknowledgedAndAnythingElseRejectedOnce() {
        station.start();
        deliver("alice", new HeraldingMessages.GenRun(LINK, 1, 10, 1, 7, "alice"));
        assertEquals(List.of(new HeraldingMessages.RunAck(LINK, 1, false)), sent.stream().map(Envelope::payload).toList());
        assertEquals(0, station.rejected());
        deliver("alice", new HeraldingMessages.GenRun(LINK, 2, 10, 1, 7, "bob")); // alice speaking for bob
        assertEquals(1, station.rejected(), "one rejection for one forged run");
        deliver("bob", new HeraldingMessages.GenStop("other-link", 1, 12, "bob"));
        assertEquals(2, station.rejected());
        deliver("bob", "not a heralding message");
        deliver("bob", new HeraldingMessages.RunAck(LINK, 1, true)); // a node's message, not a station's
        assertEquals(4, station.rejected());
        assertEquals(1, sent.size(), "nothing answered to what was rejected");
    }

    @Override
    public void register(String node, String protocol, Consumer<Envelope> handler) {
        this.handler = handler;
    }

    @Override
    public void unregister(String node, String protocol) {
        handler = null;
    }

    @Override
    public void send(String from, String to, String protocol, Object payload) {
        sent.add(new Envelope(from, to, protocol, payload));
    }

    @Override
    public long delayNanos(String from, String to) {
        return 0;
    }

    @Override
    public long undeliverable() {
        return 0;
    }
}
