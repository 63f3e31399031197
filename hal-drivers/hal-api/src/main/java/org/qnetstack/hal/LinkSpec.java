package org.qnetstack.hal;

import java.util.Map;

/**
 * A heralded link between two nodes with a station in the middle.
 *
 * @param name      unique link name (defaults to {@code <a>-<b>})
 * @param nodeA     one end node
 * @param nodeB     the other end node
 * @param lengthKm  fibre length from node A to node B, in km, from 0 to {@link #MAX_LENGTH_KM}; the station
 *                  sits at the midpoint
 * @param scheme    heralding scheme
 * @param station   the station
 * @param overrides link parameters that replace those derived from the devices (e.g.
 *                  {@code attenuationDbPerKm}, {@code visibility}), by field name
 */
public record LinkSpec(String name, String nodeA, String nodeB, double lengthKm, HeraldingScheme scheme,
                       StationSpec station, Map<String, Object> overrides) {
    /**
     * The longest fibre a link may have, in km: the Earth's circumference (40,000 km). No fibre between two
     * places on Earth is longer, and a longer one would only hide a typing error (it transmits nothing).
     */
    public static final double MAX_LENGTH_KM = 40_000;

    public LinkSpec {
        overrides = Map.copyOf(overrides);
    }

    public boolean connects(String node) {
        return nodeA.equals(node) || nodeB.equals(node);
    }

    public String otherEnd(String node) {
        if (nodeA.equals(node)) {
            return nodeB;
        }
        if (nodeB.equals(node)) {
            return nodeA;
        }
        throw new IllegalArgumentException(node + " is not an end of link " + name);
    }
}
