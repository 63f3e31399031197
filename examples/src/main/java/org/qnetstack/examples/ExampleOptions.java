package org.qnetstack.examples;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.PlatformSpec;

/**
 * The options every example takes.
 *
 * @param seed   the world's seed, or null to keep the configuration's
 * @param config a configuration file, {@code classpath:} and a resource name, or null for the bundled one
 * @param json   print one JSON object instead of a table
 * @param count  pairs (qkd) or trials (teleport); 0 for the example's default
 * @param minFidelity the minimum fidelity to ask of pairs, or NaN for the example's default
 * @param serialDetectors whether the first link's station hears its photons through the serial driver and
 *                    the device emulator over a real pseudo-terminal, instead of the simulated detectors
 */
public record ExampleOptions(@Nullable Long seed, @Nullable String config, boolean json, int count,
                             double minFidelity, boolean serialDetectors) {
    /** Options with the example's default minimum fidelity and simulated detectors. */
    public ExampleOptions(@Nullable Long seed, @Nullable String config, boolean json, int count) {
        this(seed, config, json, count, Double.NaN, false);
    }

    /** Options with simulated detectors. */
    public ExampleOptions(@Nullable Long seed, @Nullable String config, boolean json, int count, double minFidelity) {
        this(seed, config, json, count, minFidelity, false);
    }

    /** These options with a default network of the example's own when none was given. */
    ExampleOptions orConfig(String defaultConfig) {
        return config != null ? this
                : new ExampleOptions(seed, defaultConfig, json, count, minFidelity, serialDetectors);
    }

    /** The network to run on, with the serial detector controller behind its first station if asked for. */
    SimulatedNetwork open(PlatformSpec spec, java.util.List<AutoCloseable> resources) {
        if (!serialDetectors) {
            return SimulatedNetwork.of(spec);
        }
        EmulatedSerialDetectors serial = EmulatedSerialDetectors.start(spec);
        resources.add(serial);
        return SimulatedNetwork.of(serial.spec(), serial.routes());
    }
    static final String DEFAULT_CONFIG = "classpath:networks/two-nodes-nv.yaml";
    static final String CLASSPATH = "classpath:";

    /** The network to run on: the file's or the bundled configuration, with the seed applied. */
    public PlatformSpec network() {
        String source = config == null ? DEFAULT_CONFIG : config;
        PlatformSpec spec = source.startsWith(CLASSPATH)
                ? NetworkConfig.fromResource(source.substring(CLASSPATH.length()))
                : NetworkConfig.load(Path.of(source));
        if (spec.links().isEmpty()) {
            throw new IllegalArgumentException("the examples need a network with at least one link");
        }
        return seed == null ? spec : NetworkConfig.withSeed(spec, seed);
    }

    /**
     * What one example run works with: the network, the two ends of its first link (the examples run
     * between them), how many pairs or trials, and when it started.
     */
    record Setup(PlatformSpec spec, LinkSpec link, String alice, String bob, int count, double minFidelity,
                 long wallStart) {
        double wallSeconds() {
            return (System.nanoTime() - wallStart) / 1e9;
        }
    }

    Setup setup(int defaultCount, double defaultMinFidelity) {
        PlatformSpec spec = network();
        LinkSpec link = spec.links().get(0);
        return new Setup(spec, link, link.nodeA(), link.nodeB(), count > 0 ? count : defaultCount,
                Double.isNaN(minFidelity) ? defaultMinFidelity : minFidelity, System.nanoTime());
    }
}
