package org.qnetstack.deploy;

import java.util.List;
import org.qnetstack.deploy.internal.WorldMessages;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.transport.PreSharedKeys;

/**
 * The keys that authenticate a node to the world service, derived from the network's seed as the
 * simulated network derives the nodes' keys: reproducible, and only as secret as the seed and file.
 */
public final class DeploymentKeys {
    private DeploymentKeys() {
    }

    /** The key a node shares with the world service. */
    public static byte[] worldKey(PlatformSpec spec, String node) {
        if (spec.node(node).isEmpty()) {
            throw new IllegalArgumentException("no node '" + node + "' in the network (nodes: "
                    + String.join(", ", spec.nodes().stream().map(NodeSpec::name).toList()) + ")");
        }
        // A pair's key depends only on the seed and the pair, so derive just this one.
        return PreSharedKeys.derivedFromSeed(spec.seed(), List.of(node, WorldMessages.WORLD))
                .key(node, WorldMessages.WORLD).orElseThrow();
    }
}
