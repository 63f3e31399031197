package org.qnetstack.physical;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.Platform;
import org.qnetstack.messaging.ClassicalNetwork;

/**
 * Builds the heralding stations of a platform, one per link of its spec, as every runtime does (the simulated
 * network, a deployment's world service, the examples): each station listens on the classical network under
 * its own name and runs on its own scheduler. Immutable: every option returns a new instance, so one
 * configured stack can start the stations of several runs.
 *
 * <pre>{@code
 * HeraldingStations stations = StationStack.on(platform).classical(fibre).start();
 * }</pre>
 */
public final class StationStack {
    /** Where a link's station gets its clicks from. */
    @FunctionalInterface
    public interface Detectors {
        /**
         * @param index the link's index in the platform's spec (to name it in a configuration error)
         * @param link  the link whose station this is
         */
        DetectorController of(int index, LinkSpec link);
    }

    private final Platform platform;
    private final @Nullable ClassicalNetwork classical;
    private final @Nullable Detectors detectors;

    private StationStack(Platform platform, @Nullable ClassicalNetwork classical, @Nullable Detectors detectors) {
        this.platform = platform;
        this.classical = classical;
        this.detectors = detectors;
    }

    /**
     * The stations of the platform's links, with the platform's own detector controllers until
     * {@link #detectors} says otherwise.
     *
     * @throws IllegalArgumentException naming the field if the platform is null
     */
    public static StationStack on(Platform platform) {
        if (platform == null) {
            throw new IllegalArgumentException("platform: give the platform whose links the stations serve");
        }
        return new StationStack(platform, null, null);
    }

    /** The classical network the stations talk to the nodes on (required). */
    public StationStack classical(ClassicalNetwork network) {
        if (network == null) {
            throw new IllegalArgumentException("classical: give the network the stations reach the nodes on");
        }
        return new StationStack(platform, network, detectors);
    }

    /** Where each station's clicks come from, instead of the platform's detector controller for its link. */
    public StationStack detectors(Detectors source) {
        if (source == null) {
            throw new IllegalArgumentException("detectors: give where each link's station gets its clicks from");
        }
        return new StationStack(platform, classical, source);
    }

    /**
     * Builds and starts a station for every link of the platform's spec, in the spec's order.
     *
     * @throws IllegalStateException if no classical network was given
     */
    public HeraldingStations start() {
        if (classical == null) {
            throw new IllegalStateException("classical: a StationStack needs the classical network the stations "
                    + "reach the nodes on; call classical(network) before start()");
        }
        List<LinkSpec> links = platform.spec().links();
        List<HeraldingStation> stations = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            LinkSpec link = links.get(i);
            DetectorController source = detectors == null ? platform.detectorController(link.name())
                    : detectors.of(i, link);
            HeraldingStation station = new HeraldingStation(platform.link(link.name()), source,
                    platform.scheduler(link.station().name()), classical);
            station.start();
            stations.add(station);
        }
        return new HeraldingStations(links, stations);
    }
}
