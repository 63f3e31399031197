package org.qnetstack.study.internal;

import java.util.List;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.study.NetworkPaths;

/** Where a study's pairs run: between a chain's two ends, else between the ends of the first link. */
public final class Topology {
    private Topology() {
    }

    /**
     * The two ends of {@link NetworkPaths#chain}.
     *
     * @throws IllegalArgumentException if the network has no link
     */
    public static List<String> ends(PlatformSpec spec) {
        List<String> path = NetworkPaths.chain(spec);
        return List.of(path.get(0), path.get(path.size() - 1));
    }
}
