package org.qnetstack.physical;

import java.util.List;
import java.util.function.Consumer;
import org.qnetstack.hal.LinkSpec;

/**
 * The running heralding stations of a platform's links, as {@link StationStack#start()} built them: told
 * when a node at an end of their links goes down or comes back, and stopped together.
 */
public final class HeraldingStations implements AutoCloseable {
    private final List<LinkSpec> links;
    private final List<HeraldingStation> stations;

    HeraldingStations(List<LinkSpec> links, List<HeraldingStation> stations) {
        this.links = List.copyOf(links);
        this.stations = List.copyOf(stations);
    }

    /** The stations, in the order of the spec's links. */
    public List<HeraldingStation> all() {
        return stations;
    }

    /** A node crashed or was cut off: every station of a link it ends forgets its runs ({@link HeraldingStation#endDown}). */
    public void endDown(String node) {
        forEachStationOf(node, s -> s.endDown(node));
    }

    /** A node is back with a fresh stack: every station of a link it ends starts afresh with it. */
    public void endRestarted(String node) {
        forEachStationOf(node, s -> s.endRestarted(node));
    }

    private void forEachStationOf(String node, Consumer<HeraldingStation> action) {
        for (int i = 0; i < stations.size(); i++) { // in the order of the spec's links
            if (links.get(i).connects(node)) {
                action.accept(stations.get(i));
            }
        }
    }

    /** Stops every station. */
    @Override
    public void close() {
        stations.forEach(HeraldingStation::stop);
    }
}
