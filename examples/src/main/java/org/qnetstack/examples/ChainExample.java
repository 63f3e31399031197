package org.qnetstack.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.SimulationException;
import org.qnetstack.api.stack.NodeStack;
import org.qnetstack.api.stack.ProgramHost;
import org.qnetstack.api.stack.StackNode;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.GroundTruth;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QubitAddress;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.Admission;
import org.qnetstack.network.AdmissionException;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.DistillationProtocol;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.NetworkModel;
import org.qnetstack.network.PairListener;
import org.qnetstack.network.PairRequest;
import org.qnetstack.physical.ClassicalFaults;
import org.qnetstack.physical.FibreNetwork;
import org.qnetstack.physical.HeraldingStations;
import org.qnetstack.physical.StationStack;
import org.qnetstack.sim.device.DeviceParameters;

/**
 * End-to-end rate and fidelity of repeater chains against total distance, beside the repeaterless PLOB bound.
 * A chain of N repeaters splits the distance into N + 1 equal links; the head asks the network layer for kept
 * pairs with the tail, with and without one DEJMPS round per link, and reads every pair's true fidelity. Each
 * chain's nodes are built by {@link NodeStack}; the head drives their network layer directly, below the sockets,
 * to read every pair's fidelity estimate and interval as the network layer hands it up.
 *
 * <p>Links: the device's generic link model with a success probability per attempt equal to the fibre's
 * transmissivity over the link, η(L/(N+1)) = 10^(−0.2·L/(N+1)/10): one photon crosses the link per attempt.
 * A channel use is one attempt slot (the device's cycle time) on every link at once, so the rate per channel
 * use is pairs/s × slot. A repeaterless link cannot beat −log2(1 − η(L)) per use (docs/physics.md); with memories
 * that outlive the wait, a chain does at long distance. Each chain's network has a controller ({@link Admission},
 * given to the {@link NodeStack}): it reports the
 * rate it expects, bounds every pair's fidelity, and refuses a chain whose pairs it expects below F = 0.5
 * (e.g. distillation over one long link, whose first pair waits minutes for its partner).
 */
public final class ChainExample {
    public static final int DEFAULT_PAIRS = 20;
    static final List<Integer> REPEATERS = List.of(0, 1, 3, 7);
    static final List<Double> DISTANCES_KM = List.of(25.0, 50.0, 100.0, 150.0, 200.0, 300.0);
    static final double ATTENUATION_DB_PER_KM = 0.2;
    private static final int SOCKET = 7;
    /** Pairs below this are useless as Bell pairs (docs/physics.md): the controller refuses chains it expects below. */
    static final double MIN_FIDELITY = 0.5;
    /** Distillation on the distilled series. */
    static final CircuitPolicy DISTILLED = new CircuitPolicy(new Distillation(DistillationProtocol.DEJMPS, 1), 0);

    /**
     * One chain at one distance.
     *
     * @param repeaters        N
     * @param distanceKm       total fibre length L
     * @param distilled        one DEJMPS round per link
     * @param pairs            end-to-end pairs delivered
     * @param pairsPerSecond   pairs over the time from the request to the last pair
     * @param perChannelUse    pairs/s × slot
     * @param perChannelUseLow lower end: the mean time per pair plus four of its standard errors
     * @param perChannelUseSigma the rate's standard error, from the standard error of the mean time per pair
     * @param modelPerChannelUse the controller's expected rate × slot
     * @param plobPerChannelUse −log2(1 − η(L))
     * @param meanFidelity     mean true fidelity to the reported Bell state
     * @param meanFidelitySigma its standard error (the pairs' standard deviation over √pairs)
     * @param meanEstimate     mean fidelity the network layer reported
     * @param inInterval       pairs whose true fidelity lay in their reported interval
     * @param refused          why the network refused the request (its controller expects F &lt; 0.5), or ""
     */
    public record Point(int repeaters, double distanceKm, boolean distilled, int pairs, double pairsPerSecond,
                        double perChannelUse, double perChannelUseLow, double modelPerChannelUse,
                        double plobPerChannelUse, double meanFidelity, double meanEstimate, int inInterval,
                        String refused, double perChannelUseSigma, double meanFidelitySigma) {
    }

    /** The example's figures; {@code table} is the printed form of {@code points}. */
    public record Result(long seed, String device, long slotNanos, String table, List<Point> points, String chart,
                         double wallSeconds) {
    }

    private ChainExample() {
    }

    /** Runs every chain and writes the chart to {@code out}, if not null. */
    public static Result run(ExampleOptions options, @Nullable Path out) {
        return run(options, REPEATERS, DISTANCES_KM, List.of(false, true), out);
    }

    /** What the chains are made of and what the run covers, for the configuration block. */
    public static Configuration configuration(ExampleOptions options, @Nullable Path out) {
        Device device = Device.of(options);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("device", device.preset() + (device.overrides().isEmpty() ? "" : " " + device.overrides()));
        s.put("links", device.linkOverrides().isEmpty() ? "the preset's" : device.linkOverrides().toString());
        if (options.config() != null) {
            s.put("from", "the first node and link of " + options.config());
        }
        s.put("repeaters", REPEATERS.toString());
        s.put("distances km", DISTANCES_KM.stream().map(Report::number).toList().toString());
        s.put("pairs per point", options.count() > 0 ? options.count() : DEFAULT_PAIRS);
        s.put("chart", out == null ? "none (--out FILE)" : out.toString());
        return Configuration.settings(options.seed() != null ? options.seed() : device.seed(), s);
    }

    public static Result run(ExampleOptions options, List<Integer> repeaters, List<Double> distancesKm,
                             List<Boolean> distillation, @Nullable Path out) {
        long wallStart = System.nanoTime();
        Device device = Device.of(options);
        long seed = options.seed() != null ? options.seed() : device.seed();
        int pairs = options.count() > 0 ? options.count() : DEFAULT_PAIRS;
        List<Point> points = new ArrayList<>();
        try (Progress.Task progress = Progress.start("chain: points", (long) distillation.size() * repeaters.size()
                * distancesKm.size())) {
            for (boolean distil : distillation) {
                for (int n : repeaters) {
                    for (double km : distancesKm) {
                        points.add(chain(device, n, km, distil, pairs, seed));
                        progress.step();
                    }
                }
            }
        }
        if (out != null) {
            try {
                ChainChart.write(points, device.describe(), pairs, seed, out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the chart " + out + ": " + e.getMessage(), e);
            }
        }
        return new Result(seed, device.describe(), device.slotNanos(), table(points), points,
                out == null ? "" : out.toAbsolutePath().toString(), (System.nanoTime() - wallStart) / 1e9);
    }

    /**
     * What every node and link of the chains is made of: the configuration's first node and first link, or
     * by default the generic preset with memories that keep their state for seconds and links of Werner
     * 0.97 pairs.
     */
    record Device(String preset, Map<String, Object> overrides, Map<String, Object> linkOverrides, long seed) {
        static Device of(ExampleOptions options) {
            if (options.config() == null) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("qubits", 6);
                o.put("communicationQubits", 6);
                o.put("communicationT1", "100s");
                o.put("storageT1", "100s");
                o.put("communicationT2", "10s");
                o.put("storageT2", "10s");
                return new Device("generic", o, Map.of("linkFidelity", 0.97), 1);
            }
            PlatformSpec spec = options.network();
            NodeSpec n = spec.nodes().get(0);
            return new Device(n.device(), n.overrides(), spec.links().get(0).overrides(), spec.seed());
        }

        DeviceParameters parameters(Map<String, Object> link) {
            Map<String, Object> all = new HashMap<>(overrides);
            all.putAll(link);
            return DeviceParameters.of(preset, all);
        }

        long slotNanos() {
            return parameters(linkOverrides).cycleTime();
        }

        String describe() {
            return preset + " " + overrides + ", links " + linkOverrides;
        }

        /** A generic link's success per attempt is η over its fibre; a physical one computes its own. */
        Map<String, Object> link(double km) {
            Map<String, Object> o = new HashMap<>(linkOverrides);
            if (parameters(linkOverrides).linkModel() == DeviceParameters.LinkModel.GENERIC) {
                o.put("linkSuccessProbability", transmissivity(km));
            }
            return o;
        }
    }

    static double transmissivity(double km) {
        return Math.pow(10, -ATTENUATION_DB_PER_KM * km / 10);
    }

    /** −log2(1 − η): the most a repeaterless lossy channel carries per use (PLOB). */
    static double plob(double eta) {
        return -Math.log1p(-eta) / Math.log(2);
    }

    static PlatformSpec spec(Device device, int repeaters, double km, long seed) {
        List<NodeSpec> nodes = new ArrayList<>();
        List<LinkSpec> links = new ArrayList<>();
        double linkKm = km / (repeaters + 1);
        for (int i = 0; i <= repeaters + 1; i++) {
            nodes.add(new NodeSpec("n" + i, device.preset(), device.overrides(), 0));
            if (i > 0) {
                String name = "n" + (i - 1) + "-n" + i;
                links.add(new LinkSpec(name, "n" + (i - 1), "n" + i, linkKm, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec(name + "-station", StationSpec.SIMULATED_DETECTORS), device.link(linkKm)));
            }
        }
        return new PlatformSpec(seed, nodes, links);
    }

    /** Builds every node with {@link NodeStack} (its network layer with the chain's controller) and runs the chain. */
    static Point chain(Device device, int repeaters, double km, boolean distil, int number, long seed) {
        PlatformSpec spec = spec(device, repeaters, km, seed);
        String head = "n0";
        String tail = "n" + (repeaters + 1);
        Platform platform = Drivers.openPlatform(URI.create("sim:world"), spec);
        HeraldingStations stations = null;
        Map<String, StackNode> nodes = new LinkedHashMap<>();
        Map<String, List<EndToEndPair>> received = new HashMap<>();
        List<NetworkError> errors = new ArrayList<>();
        try {
            DeviceParameters d = device.parameters(Map.of());
            Admission controller = Admission.of(NodeStack.on(platform).networkModel(0.1,
                    name -> new NetworkModel.Memory(Math.min(d.communicationT1(), d.storageT1()),
                            Math.min(d.communicationT2(), d.storageT2()))));
            FibreNetwork classical = FibreNetwork.on(platform, ClassicalFaults.NONE);
            stations = StationStack.on(platform).classical(classical).start();
            NodeStack stack = NodeStack.on(platform).classical(classical).admission(controller);
            ProgramHost programs = ProgramHost.on(platform);
            for (NodeSpec n : spec.nodes()) {
                StackNode node = stack.build(n.name(), programs);
                nodes.put(n.name(), node);
                List<EndToEndPair> into = new ArrayList<>();
                received.put(n.name(), into);
                node.network().listen(SOCKET, new PairListener() {
                    @Override
                    public void onPair(EndToEndPair pair) {
                        into.add(pair);
                    }

                    @Override
                    public void onError(NetworkError error) {
                        errors.add(error);
                    }
                });
            }
            CircuitPolicy policy = distil ? DISTILLED : CircuitPolicy.NONE;
            double modelRate = controller.route(head, tail, 0, policy, 0).pairsPerSecond();
            GroundTruth truth = platform.groundTruth().orElseThrow();
            long start = platform.scheduler(head).clock().nanos();
            try {
                nodes.get(head).network().request(new PairRequest(tail, RequestType.KEEP, number, MIN_FIDELITY,
                        MeasureBasis.Z, SOCKET, 0, policy));
            } catch (AdmissionException e) {
                return new Point(repeaters, km, distil, 0, Double.NaN, Double.NaN, Double.NaN,
                        modelRate * platform.link(spec.links().get(0).name()).slotNanos() / 1e9,
                        plob(transmissivity(km)), Double.NaN, Double.NaN, 0, e.getMessage(), Double.NaN, Double.NaN);
            }
            double[] fidelity = new double[number];
            long[] delivered = new long[number];
            double[] estimate = {0};
            int[] read = {0};
            int[] inside = {0};
            platform.runUntil(() -> {
                List<EndToEndPair> h = received.get(head);
                List<EndToEndPair> t = received.get(tail);
                while (read[0] < h.size() && read[0] < t.size()) {
                    EndToEndPair a = h.get(read[0]);
                    EndToEndPair b = t.get(read[0]);
                    if (!a.pairId().equals(b.pairId()) || a.bellIndex() != b.bellIndex()) {
                        throw new SimulationException("the ends disagree on a pair: " + a + " / " + b);
                    }
                    double f = truth.bellFidelity(new QubitAddress(head, a.qubit()), new QubitAddress(tail, b.qubit()),
                            a.bellIndex());
                    fidelity[read[0]] = f;
                    estimate[0] += a.fidelity();
                    // Read when the later end has it: that end's interval (the wider) holds now.
                    inside[0] += f >= Math.min(a.fidelityLower(), b.fidelityLower()) - 1e-9
                            && f <= Math.max(a.fidelityUpper(), b.fidelityUpper()) + 1e-9 ? 1 : 0;
                    delivered[read[0]] = Math.max(a.fidelityTime(), b.fidelityTime()) - start;
                    nodes.get(head).releaseQubit(a.qubit());
                    nodes.get(tail).releaseQubit(b.qubit());
                    read[0]++;
                }
                return read[0] == number || !errors.isEmpty();
            }, Long.MAX_VALUE / 4);
            if (read[0] < number) {
                throw new SimulationException("chain of " + repeaters + " repeaters over " + km + " km delivered "
                        + read[0] + " of " + number + " pairs: " + errors);
            }
            double slot = platform.link(spec.links().get(0).name()).slotNanos();
            double total = delivered[number - 1];
            // Times between deliveries: their mean and its standard error give the rate's lower end.
            double mean = total / number;
            double var = 0;
            for (int i = 0; i < number; i++) {
                double gap = delivered[i] - (i == 0 ? 0 : delivered[i - 1]);
                var += (gap - mean) * (gap - mean);
            }
            double se = Math.sqrt(var / Math.max(1, number - 1) / number);
            double mf = 0;
            for (double f : fidelity) {
                mf += f;
            }
            double[] fidelityMean = Statistics.meanWithStandardError(fidelity);
            return new Point(repeaters, km, distil, number, number / (total / 1e9), slot / mean,
                    slot / (mean + 4 * se), modelRate * slot / 1e9, plob(transmissivity(km)), mf / number,
                    estimate[0] / number, inside[0], "", slot / mean * se / mean, fidelityMean[1]);
        } finally {
            nodes.values().forEach(StackNode::close);
            if (stations != null) {
                stations.close();
            }
            platform.close();
        }
    }

    static String table(List<Point> points) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%n  %3s %7s %7s %10s %11s %11s %11s %11s %8s "
                + "%8s %7s%n", "N", "km", "distil", "pairs/s", "per use", "low (4σ)", "model", "PLOB", "true F",
                "est. F", "in int."));
        for (Point p : points) {
            if (!p.refused().isEmpty()) {
                b.append(String.format(Locale.ROOT, "  %3d %7.0f %7s   refused: %s%n", p.repeaters(), p.distanceKm(),
                        p.distilled() ? "DEJMPS" : "-", p.refused()));
                continue;
            }
            b.append(String.format(Locale.ROOT, "  %3d %7.0f %7s %10.4g %11.3e %11.3e %11.3e %11.3e %8.4f %8.4f %4d/%d%s%n",
                    p.repeaters(), p.distanceKm(), p.distilled() ? "DEJMPS" : "-", p.pairsPerSecond(),
                    p.perChannelUse(), p.perChannelUseLow(), p.modelPerChannelUse(), p.plobPerChannelUse(),
                    p.meanFidelity(), p.meanEstimate(), p.inInterval(), p.pairs(),
                    p.perChannelUseLow() > p.plobPerChannelUse() ? "  > PLOB" : ""));
        }
        return b.toString();
    }

    static @Nullable Point find(List<Point> points, int repeaters, double km, boolean distilled) {
        return points.stream().filter(p -> p.repeaters() == repeaters && p.distanceKm() == km
                && p.distilled() == distilled).findFirst().orElse(null);
    }
}
