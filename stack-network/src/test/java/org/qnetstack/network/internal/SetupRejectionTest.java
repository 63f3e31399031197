package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.link.internal.DefaultLinkService;
import org.qnetstack.physical.PhysicalLayer;
import org.qnetstack.physical.internal.DelayedClassicalNetwork;

/**
 * A node remembers the last setup path it found well formed (circuits repeat it for every pair); a malformed
 * path must still be rejected after a good one, and an equal good one still accepted.
 */
class SetupRejectionTest {
    @Test
    void aMalformedSetupIsRejectedEvenRightAfterAWellFormedOne() {
        List<NodeSpec> nodes = new ArrayList<>();
        List<LinkSpec> links = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(NodeSpec.of("n" + i, "ideal"));
            if (i > 0) {
                String name = "n" + (i - 1) + "-n" + i;
                links.add(new LinkSpec(name, "n" + (i - 1), "n" + i, 1, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec(name + "-station", StationSpec.SIMULATED_DETECTORS), Map.of()));
            }
        }
        PlatformSpec spec = new PlatformSpec(3, nodes, links);
        try (Platform platform = Drivers.openPlatform(URI.create("sim:world"), spec)) {
            DelayedClassicalNetwork classical = new DelayedClassicalNetwork(platform);
            Map<String, CircuitNetworkService> services = new LinkedHashMap<>();
            for (NodeSpec n : nodes) {
                PhysicalLayer physical = PhysicalLayer.on(n.name(), platform);
                services.put(n.name(), new CircuitNetworkService(n.name(), spec,
                        new DefaultLinkService(physical, classical), classical, physical.operations(),
                        physical.scheduler()));
            }
            CircuitNetworkService n1 = services.get("n1");
            List<String> good = List.of("n0", "n1", "n2");
            send(platform, classical, setup("c1", good));
            assertEquals(0, n1.rejected(), "a well-formed setup is taken");
            send(platform, classical, setup("c2", List.of("n0", "n1", "n0")));
            assertEquals(1, n1.rejected(), "n0 twice");
            send(platform, classical, setup("c3", new ArrayList<>(good))); // equal, not the same list
            assertEquals(1, n1.rejected(), "an equal well-formed path is taken");
            send(platform, classical, setup("c4", List.of("n0", "n2", "n1", "n2")));
            assertEquals(2, n1.rejected(), "n2 twice, after n1");
            services.values().forEach(CircuitNetworkService::close);
        }
    }

    private static CircuitMessages.Setup setup(String circuit, List<String> path) {
        return new CircuitMessages.Setup(circuit, 1000 + circuit.hashCode() % 100, path, 1,
                java.util.Collections.nCopies(path.size() - 1, 0.5), null, 0);
    }

    /** From n0 (the head) to n1, delivered before anything else moves on. */
    private static void send(Platform platform, DelayedClassicalNetwork classical, CircuitMessages.Setup s) {
        classical.send("n0", "n1", CircuitMessages.PROTOCOL, s);
        long arrival = platform.scheduler("n1").clock().nanos() + classical.delayNanos("n0", "n1");
        platform.runUntil(() -> platform.scheduler("n1").clock().nanos() > arrival, arrival);
    }
}
