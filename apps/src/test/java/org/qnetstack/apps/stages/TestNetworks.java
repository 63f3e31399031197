package org.qnetstack.apps.stages;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;

/** Bundled networks changed for a test. */
public final class TestNetworks {
    private TestNetworks() {
    }

    /** The spec with these device parameters overriding every node's. */
    public static PlatformSpec withDevice(PlatformSpec spec, Map<String, Object> overrides) {
        List<NodeSpec> nodes = spec.nodes().stream().map(n -> {
            Map<String, Object> o = new HashMap<>(n.overrides());
            o.putAll(overrides);
            return new NodeSpec(n.name(), n.device(), o, n.qubits());
        }).toList();
        return new PlatformSpec(spec.seed(), nodes, spec.links(), spec.options());
    }
}
