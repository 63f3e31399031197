package org.qnetstack.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.qnetstack.api.SimulationException;
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
import org.qnetstack.link.internal.DefaultLinkService;
import org.qnetstack.network.AdmissionException;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.DistillationProtocol;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.NetworkModel;
import org.qnetstack.network.PairListener;
import org.qnetstack.network.PairRequest;
import org.qnetstack.network.internal.AdmissionController;
import org.qnetstack.network.internal.CircuitNetworkService;
import org.qnetstack.physical.ClassicalFaults;
import org.qnetstack.physical.HeraldingStation;
import org.qnetstack.physical.LocalOperations;
import org.qnetstack.physical.QubitMemory;
import org.qnetstack.physical.internal.DelayedClassicalNetwork;
import org.qnetstack.sim.device.DeviceParameters;

/**
 * End-to-end rate and fidelity of repeater chains against total distance, beside the repeaterless PLOB bound.
 * A chain of N repeaters splits the distance into N + 1 equal links; the head asks the network layer for kept
 * pairs with the tail, with and without one DEJMPS round per link, and reads every pair's true fidelity. The
 * network layer runs below the application API here, because its sockets ask for no circuit policy.
 *
 * <p>Links: the device's generic link model with a success probability per attempt equal to the fibre's
 * transmissivity over the link, η(L/(N+1)) = 10^(−0.2·L/(N+1)/10): one photon crosses the link per attempt.
 * A channel use is one attempt slot (the device's cycle time) on every link at once, so the rate per channel
 * use is pairs/s × slot. A repeaterless link cannot beat −log2(1 − η(L)) per use (physics.md); with memories
 * that outlive the wait, a chain does at long distance. Each chain's network has a controller: it reports the
 * rate it expects, bounds every pair's fidelity, and refuses a chain whose pairs it expects below F = 0.5
 * (e.g. distillation over one long link, whose first pair waits minutes for its partner).
 */
public final class ChainExample {
    static final int DEFAULT_PAIRS = 20;
    static final List<Integer> REPEATERS = List.of(0, 1, 3, 7);
    static final List<Double> DISTANCES_KM = List.of(25.0, 50.0, 100.0, 150.0, 200.0, 300.0);
    static final double ATTENUATION_DB_PER_KM = 0.2;
    static final Path DEFAULT_OUT = Path.of("chain.png");
    private static final int SOCKET = 7;
    /** Pairs below this are useless as Bell pairs (physics.md): the controller refuses chains it expects below. */
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
     * @param modelPerChannelUse the controller's expected rate × slot
     * @param plobPerChannelUse −log2(1 − η(L))
     * @param meanFidelity     mean true fidelity to the reported Bell state
     * @param meanEstimate     mean fidelity the network layer reported
     * @param inInterval       pairs whose true fidelity lay in their reported interval
     * @param refused          why the network refused the request (its controller expects F &lt; 0.5), or ""
     */
    public record Point(int repeaters, double distanceKm, boolean distilled, int pairs, double pairsPerSecond,
                        double perChannelUse, double perChannelUseLow, double modelPerChannelUse,
                        double plobPerChannelUse, double meanFidelity, double meanEstimate, int inInterval,
                        String refused) {
    }

    /** The example's figures; {@code table} is the printed form of {@code points}. */
    public record Result(long seed, String device, long slotNanos, String table, List<Point> points, String chart,
                         double wallSeconds) {
    }

    private ChainExample() {
    }

    /** Runs every chain and writes the chart to {@code chain.png}. */
    public static Result run(ExampleOptions options) {
        return run(options, REPEATERS, DISTANCES_KM, List.of(false, true), DEFAULT_OUT);
    }

    public static Result run(ExampleOptions options, List<Integer> repeaters, List<Double> distancesKm,
                             List<Boolean> distillation, Path out) {
        long wallStart = System.nanoTime();
        Device device = Device.of(options);
        long seed = options.seed() != null ? options.seed() : device.seed();
        int pairs = options.count() > 0 ? options.count() : DEFAULT_PAIRS;
        List<Point> points = new ArrayList<>();
        for (boolean distil : distillation) {
            for (int n : repeaters) {
                for (double km : distancesKm) {
                    points.add(chain(device, n, km, distil, pairs, seed));
                }
            }
        }
        try {
            chart(points, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + out, e);
        }
        return new Result(seed, device.describe(), device.slotNanos(), table(points), points,
                out.toAbsolutePath().toString(), (System.nanoTime() - wallStart) / 1e9);
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

    /** Wires every node as the runtime does (memory, link layer, network layer with the chain's controller). */
    static Point chain(Device device, int repeaters, double km, boolean distil, int number, long seed) {
        PlatformSpec spec = spec(device, repeaters, km, seed);
        String head = "n0";
        String tail = "n" + (repeaters + 1);
        Platform platform = Drivers.openPlatform(URI.create("sim:world"), spec);
        List<HeraldingStation> stations = new ArrayList<>();
        Map<String, CircuitNetworkService> services = new LinkedHashMap<>();
        Map<String, QubitMemory> memories = new HashMap<>();
        Map<String, List<EndToEndPair>> received = new HashMap<>();
        List<NetworkError> errors = new ArrayList<>();
        try {
            DeviceParameters d = device.parameters(Map.of());
            AdmissionController controller = new AdmissionController(NetworkModel.of(platform, 0.1,
                    name -> new NetworkModel.Memory(Math.min(d.communicationT1(), d.storageT1()),
                            Math.min(d.communicationT2(), d.storageT2()))));
            DelayedClassicalNetwork classical = new DelayedClassicalNetwork(platform, ClassicalFaults.NONE);
            for (LinkSpec l : spec.links()) {
                HeraldingStation station = new HeraldingStation(platform.link(l.name()),
                        platform.detectorController(l.name()), platform.scheduler(l.station().name()), classical);
                station.start();
                stations.add(station);
            }
            for (NodeSpec n : spec.nodes()) {
                QubitMemory memory = new QubitMemory(platform.device(n.name()).info());
                memories.put(n.name(), memory);
                CircuitNetworkService s = new CircuitNetworkService(n.name(), spec,
                        new DefaultLinkService(n.name(), platform, classical, memory), classical,
                        new LocalOperations(platform.device(n.name()), memory), platform.scheduler(n.name()),
                        controller);
                services.put(n.name(), s);
                List<EndToEndPair> into = new ArrayList<>();
                received.put(n.name(), into);
                s.listen(SOCKET, new PairListener() {
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
                services.get(head).request(new PairRequest(tail, RequestType.KEEP, number, MIN_FIDELITY,
                        MeasureBasis.Z, SOCKET, 0, policy));
            } catch (AdmissionException e) {
                return new Point(repeaters, km, distil, 0, Double.NaN, Double.NaN, Double.NaN,
                        modelRate * platform.link(spec.links().get(0).name()).slotNanos() / 1e9,
                        plob(transmissivity(km)), Double.NaN, Double.NaN, 0, e.getMessage());
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
                    for (var p : new Object[][] {{head, a}, {tail, b}}) {
                        platform.device((String) p[0]).discard(((EndToEndPair) p[1]).qubit());
                        memories.get((String) p[0]).free(((EndToEndPair) p[1]).qubit());
                    }
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
            return new Point(repeaters, km, distil, number, number / (total / 1e9), slot / mean,
                    slot / (mean + 4 * se), modelRate * slot / 1e9, plob(transmissivity(km)), mf / number,
                    estimate[0] / number, inside[0], "");
        } finally {
            services.values().forEach(CircuitNetworkService::close);
            stations.forEach(HeraldingStation::stop);
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

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e)};
    private static final int WIDTH = 1000;
    private static final int PANEL = 520;

    /** Rate per channel use (log) and true fidelity against distance; solid plain, dashed distilled. */
    static void chart(List<Point> points, Path out) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart rate = panel("End-to-end pairs per channel use vs distance (solid: swap only, dashed: DEJMPS; black: "
                + "PLOB bound)", "pairs per channel use", true);
        XYChart fidelity = panel("True end-to-end fidelity vs distance", "fidelity", false);
        List<Integer> ns = points.stream().map(Point::repeaters).distinct().sorted().toList();
        for (boolean distil : new boolean[] {false, true}) {
            for (int n : ns) {
                List<Point> series = points.stream().filter(p -> p.repeaters() == n && p.distilled() == distil
                        && p.refused().isEmpty()).toList();
                if (series.isEmpty()) {
                    continue;
                }
                String name = "N = " + n + (distil ? " DEJMPS" : "");
                Color colour = PALETTE[ns.indexOf(n) % PALETTE.length];
                add(rate, name, series.stream().map(Point::distanceKm).toList(),
                        series.stream().map(Point::perChannelUse).toList(), colour, distil);
                add(fidelity, name, series.stream().map(Point::distanceKm).toList(),
                        series.stream().map(Point::meanFidelity).toList(), colour, distil);
            }
        }
        List<Double> km = points.stream().map(Point::distanceKm).distinct().sorted().toList();
        XYSeries plob = rate.addSeries("PLOB (repeaterless)", km, km.stream().map(d -> plob(transmissivity(d))).toList());
        plob.setLineColor(Color.BLACK);
        plob.setLineStyle(new BasicStroke(2.5f));
        plob.setMarker(SeriesMarkers.NONE);
        BufferedImage image = new BufferedImage(WIDTH, 2 * PANEL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.drawImage(BitmapEncoder.getBufferedImage(rate), 0, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(fidelity), 0, PANEL, null);
        } finally {
            g.dispose();
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", out.toFile())) {
            throw new IOException("no PNG writer for " + out);
        }
    }

    private static XYChart panel(String title, String y, boolean log) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(PANEL).title(title).xAxisTitle("total distance (km)")
                .yAxisTitle(y).build();
        Styler s = c.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setAntiAlias(true);
        c.getStyler().setXAxisDecimalPattern("0");
        if (log) {
            c.getStyler().setYAxisLogarithmic(true);
            c.getStyler().setYAxisDecimalPattern("0E0");
        }
        return c;
    }

    private static void add(XYChart chart, String name, List<Double> x, List<Double> y, Color colour, boolean dashed) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setLineStyle(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 5f}, 0f) : new BasicStroke(2f));
        s.setMarker(dashed ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
    }

    static @Nullable Point find(List<Point> points, int repeaters, double km, boolean distilled) {
        return points.stream().filter(p -> p.repeaters() == repeaters && p.distanceKm() == km
                && p.distilled() == distilled).findFirst().orElse(null);
    }
}
