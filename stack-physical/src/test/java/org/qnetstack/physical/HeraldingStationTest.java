package org.qnetstack.physical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.physical.internal.DelayedClassicalNetwork;
import org.qnetstack.sim.SimulatedPlatform;

/**
 * The station's inbound dispatch over the simulated classical network: run messages are served, anything else is
 * rejected once and counted. The test plays both nodes.
 */
class HeraldingStationTest {
    private static final String LINK = "alice-bob";
    private static final String STATION = "alice-bob-station";
    private final SimulatedPlatform platform = new SimulatedPlatform(new PlatformSpec(1,
            List.of(NodeSpec.of("alice", "ideal"), NodeSpec.of("bob", "ideal")),
            List.of(new LinkSpec(LINK, "alice", "bob", 2, HeraldingScheme.SINGLE_CLICK,
                    new StationSpec(STATION, StationSpec.SIMULATED_DETECTORS), Map.of()))));
    private final ClassicalNetwork network = new DelayedClassicalNetwork(platform);
    private final HeraldingStation station = new HeraldingStation(platform.link(LINK),
            platform.detectorController(LINK), platform.scheduler(STATION), network);
    /** What the station sent either node. */
    private final List<Object> received = new ArrayList<>();

    @AfterEach
    void close() {
        station.stop();
        platform.close();
    }

    private void deliver(String from, Object payload) {
        network.send(from, STATION, HeraldingStation.protocolFor(LINK), payload);
        platform.runUntil(() -> false, 1_000_000); // 1 ms: there and back over 2 km
    }

    @Test
    void aRunFromItsNodeIsAcknowledgedAndAnythingElseRejectedOnce() {
        for (String node : List.of("alice", "bob")) {
            network.register(node, HeraldingNode.protocolFor(LINK), e -> received.add(e.payload()));
        }
        station.start();
        deliver("alice", new HeraldingMessages.GenRun(LINK, 1, 10, 1, 7, "alice"));
        assertEquals(List.of(new HeraldingMessages.RunAck(LINK, 1, false)), received);
        assertEquals(0, station.rejected());
        deliver("alice", new HeraldingMessages.GenRun(LINK, 2, 10, 1, 7, "bob")); // alice speaking for bob
        assertEquals(1, station.rejected(), "one rejection for one forged run");
        deliver("bob", new HeraldingMessages.GenStop("other-link", 1, 12, "bob"));
        assertEquals(2, station.rejected());
        deliver("bob", "not a heralding message");
        deliver("bob", new HeraldingMessages.RunAck(LINK, 1, true)); // a node's message, not a station's
        assertEquals(4, station.rejected());
        assertEquals(1, received.size(), "nothing answered to what was rejected");
    }
}
