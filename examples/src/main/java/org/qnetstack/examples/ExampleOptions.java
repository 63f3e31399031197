package org.qnetstack.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.PairQuality;
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
 * @param quality     what the creating end's socket asks the network for (its minimum fidelity replaced by the
 *                    run's), or null for best effort at the minimum fidelity, as the examples always asked
 */
public record ExampleOptions(@Nullable Long seed, @Nullable String config, boolean json, int count,
                             double minFidelity, boolean serialDetectors, @Nullable PairQuality quality) {
    /** Best-effort options: no quality of service asked. */
    public ExampleOptions(@Nullable Long seed, @Nullable String config, boolean json, int count, double minFidelity,
                          boolean serialDetectors) {
        this(seed, config, json, count, minFidelity, serialDetectors, null);
    }

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
                : new ExampleOptions(seed, defaultConfig, json, count, minFidelity, serialDetectors, quality);
    }

    /**
     * The creating end's socket asking for {@code minFidelity}: best effort ({@link EprSocket#minFidelity}), or
     * with the run's quality at that fidelity ({@link EprSocket#with}: planned and admitted by the network, or
     * refused with the reason).
     */
    EprSocket ask(EprSocket socket, double minFidelity) {
        return quality == null ? socket.minFidelity(minFidelity) : socket.with(quality.withMinFidelity(minFidelity));
    }

    /** The network to run on, with the serial detector controller behind its first station if asked for. */
    SimulatedNetwork open(PlatformSpec spec, List<AutoCloseable> resources) {
        if (!serialDetectors) {
            return SimulatedNetwork.of(spec);
        }
        EmulatedSerialDetectors serial = EmulatedSerialDetectors.start(spec);
        resources.add(serial);
        return SimulatedNetwork.of(serial.spec(), serial.routes());
    }
    public static final String DEFAULT_CONFIG = "classpath:networks/two-nodes-nv.yaml";
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
     * What one example run works with: the network, the nodes the example runs between ({@code path}: the two
     * ends of one link, or every node of a repeater chain from end to end), the path's first link, how many
     * pairs or trials, and when it started.
     */
    record Setup(PlatformSpec spec, List<String> path, LinkSpec link, int count, double minFidelity,
                 long wallStart) {
        String alice() {
            return path.get(0);
        }

        String bob() {
            return path.get(path.size() - 1);
        }

        /** Whether the ends are joined through repeaters. */
        boolean throughRepeaters() {
            return path.size() > 2;
        }

        /** The links of the path, in order from {@link #alice()}. */
        List<LinkSpec> links() {
            List<LinkSpec> links = new ArrayList<>();
            for (int i = 1; i < path.size(); i++) {
                links.add(spec.linkBetween(path.get(i - 1), path.get(i)).orElseThrow());
            }
            return links;
        }

        /** The fidelity the network layer asks of each link so that the swapped pair reaches {@link #minFidelity}. */
        double linkMinFidelity() {
            return Predictions.perLinkFidelity(minFidelity, path.size() - 1);
        }

        /** The α the link layer uses on this link of the path. */
        double alpha(SimulatedNetwork net, LinkSpec link) {
            return net.alphaFor(link.nodeA(), link.nodeB(), linkMinFidelity());
        }

        /**
         * The model's state of an end-to-end pair relative to Ψ+ (row-major complex 4×4): the link's heralded
         * state; across repeaters the Bell-diagonal parts of the links' heralded states swapped by perfect
         * Bell-state measurements ({@link Predictions#swapped}). Memory decay while pairs wait is not in it.
         */
        double[] predictedState(SimulatedNetwork net) {
            if (!throughRepeaters()) {
                return net.link(alice(), bob()).heraldedState(alpha(net, link));
            }
            List<double[]> coefficients = new ArrayList<>();
            for (LinkSpec l : links()) {
                coefficients.add(Predictions.bellCoefficientsRelativeToPsiPlus(
                        net.link(l.nodeA(), l.nodeB()).heraldedState(alpha(net, l))));
            }
            return Predictions.bellDiagonalAroundPsiPlus(Predictions.swapped(coefficients));
        }

        double wallSeconds() {
            return (System.nanoTime() - wallStart) / 1e9;
        }
    }

    /** A run between the ends of the network's first link. */
    Setup setup(int defaultCount, double defaultMinFidelity) {
        PlatformSpec spec = network();
        LinkSpec link = spec.links().get(0);
        return setup(spec, List.of(link.nodeA(), link.nodeB()), defaultCount, defaultMinFidelity);
    }

    /**
     * A run between the two ends of the network when it is a chain (every node on one path, e.g.
     * alice – repeater – bob), else between the ends of its first link.
     */
    Setup setupEndToEnd(int defaultCount, double defaultMinFidelity) {
        PlatformSpec spec = network();
        return setup(spec, chain(spec), defaultCount, defaultMinFidelity);
    }

    private Setup setup(PlatformSpec spec, List<String> path, int defaultCount, double defaultMinFidelity) {
        return new Setup(spec, List.copyOf(path), spec.linkBetween(path.get(0), path.get(1)).orElseThrow(),
                count > 0 ? count : defaultCount, Double.isNaN(minFidelity) ? defaultMinFidelity : minFidelity,
                System.nanoTime());
    }

    /**
     * The network's nodes from one end to the other when its links form a single path through all of them
     * (starting at the end declared first; a two-node network starts at its link's first node), else the
     * ends of the first link.
     */
    static List<String> chain(PlatformSpec spec) {
        return org.qnetstack.study.NetworkPaths.chain(spec);
    }
}
