package org.qnetstack.examples.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.examples.ExampleOptions;
import org.qnetstack.examples.Progress;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.physical.HeraldingNode;
import org.qnetstack.sim.device.DeviceParameters;

/**
 * Computes the sweep from the link model the stack plans with: for each preset and length a two-node
 * network {@code alice — bob}, and its {@link HeraldedLink} for p(α) and F(α). Nothing is sampled: the
 * figures are the model's, the same the link layer uses to choose α.
 */
public final class Sweep {
    static final String ALICE = "alice";
    static final String BOB = "bob";

    /**
     * The sweep's points.
     *
     * @param lengthSweep one point per (built preset, length), at the α the link layer picks
     * @param alphaSweep  one point per (built preset, α) at the α sweep's length
     * @param skipped     the presets left out and why
     */
    public record Result(List<SweepPoint> lengthSweep, List<SweepPoint> alphaSweep, List<String> skipped) {
        public Result {
            lengthSweep = List.copyOf(lengthSweep);
            alphaSweep = List.copyOf(alphaSweep);
            skipped = List.copyOf(skipped);
        }
    }

    private Sweep() {
    }

    /**
     * Runs the sweep. A preset whose network cannot be built (or whose link model fails) is skipped
     * whole, with a note; an α above the link's largest is skipped with a note.
     */
    public static Result run(SweepOptions options, Consumer<String> notes) {
        long seed = options.seed() == null ? 0 : options.seed();
        List<Subject> subjects = new ArrayList<>();
        if (options.config() != null) {
            subjects.add(Subject.of(new ExampleOptions(options.seed(), options.config(), false, 0).network()));
        } else {
            for (String preset : options.presets()) {
                subjects.add(new Subject(preset, () -> DeviceParameters.of(preset, Map.of()),
                        lengthKm -> network(preset, lengthKm, seed)));
            }
        }
        List<SweepPoint> lengthSweep = new ArrayList<>();
        List<SweepPoint> alphaSweep = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (Progress.Task progress = Progress.start("sweep: points", (long) subjects.size()
                * options.lengthsKm().size())) {
            sweep(subjects, options, notes, progress, lengthSweep, alphaSweep, skipped);
        }
        return new Result(lengthSweep, alphaSweep, skipped);
    }

    private static void sweep(List<Subject> subjects, SweepOptions options, Consumer<String> notes,
                              Progress.Task progress, List<SweepPoint> lengthSweep, List<SweepPoint> alphaSweep,
                              List<String> skipped) {
        for (Subject subject : subjects) {
            String preset = subject.label();
            List<SweepPoint> byLength = new ArrayList<>();
            List<SweepPoint> byAlpha = new ArrayList<>();
            try {
                DeviceParameters device = subject.device().get();
                for (double lengthKm : options.lengthsKm()) {
                    try (SimulatedNetwork net = subject.network().apply(lengthKm)) {
                        double alpha = net.alphaFor(ALICE, BOB, options.minFidelity());
                        SweepPoint point = point(preset, device, lengthKm, net.link(ALICE, BOB), alpha);
                        byLength.add(sampled(point, net, options, notes));
                        progress.step();
                    }
                }
                try (SimulatedNetwork net = subject.network().apply(options.alphaLengthKm())) {
                    HeraldedLink link = net.link(ALICE, BOB);
                    for (double alpha : options.alphas()) {
                        if (alpha > link.maxAlpha()) {
                            notes.accept("sweep: " + preset + ": α = " + alpha + " is above the link's largest ("
                                    + link.maxAlpha() + "), left out");
                            continue;
                        }
                        byAlpha.add(point(preset, device, options.alphaLengthKm(), link, alpha));
                    }
                }
            } catch (RuntimeException e) {
                String why = "skipping preset '" + preset + "': its network cannot be built ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
                skipped.add(why);
                notes.accept("sweep: " + why);
                continue;
            }
            lengthSweep.addAll(byLength);
            alphaSweep.addAll(byAlpha);
        }
    }

    /**
     * The point with the simulator's measurement beside the model, when sampling was asked for, the point has
     * an α and the sample stays under {@link SweepSampler#MAX_EXPECTED_ATTEMPTS} (else a note says so).
     */
    private static SweepPoint sampled(SweepPoint point, SimulatedNetwork net, SweepOptions options,
                                      Consumer<String> notes) {
        if (options.count() == 0 || Double.isNaN(point.alpha())) {
            return point;
        }
        if (!SweepSampler.affordable(options.count(), point.successProbability())) {
            notes.accept(String.format(java.util.Locale.ROOT, "sweep: %s at %s km not sampled: %d pairs at p = %.2e "
                    + "would take about %.1e attempts (more than %.0e)", point.preset(), point.lengthKm(),
                    options.count(), point.successProbability(), options.count() / point.successProbability(),
                    (double) SweepSampler.MAX_EXPECTED_ATTEMPTS));
            return point;
        }
        return point.with(SweepSampler.sample(net, options.count(), options.minFidelity()));
    }

    /**
     * What one curve sweeps: a label, the device whose fibre attenuation gives η_f, and the two-node network
     * {@code alice — bob} at a given link length.
     */
    private record Subject(String label, Supplier<DeviceParameters> device,
                           DoubleFunction<SimulatedNetwork> network) {
        /**
         * A configured network's first link: its two nodes (devices and overrides as configured) renamed
         * alice and bob, the link with its scheme, station and fields at each length; labelled
         * {@code config:<link>}. The attenuation is node A's device with the link's overrides, as the simulator
         * merges them.
         */
        static Subject of(PlatformSpec spec) {
            LinkSpec l = spec.links().get(0);
            NodeSpec a = spec.node(l.nodeA()).orElseThrow();
            NodeSpec b = spec.node(l.nodeB()).orElseThrow();
            Map<String, Object> merged = new LinkedHashMap<>(a.overrides());
            merged.putAll(l.overrides());
            return new Subject("config:" + l.name(), () -> DeviceParameters.of(a.device(), merged), lengthKm ->
                    SimulatedNetwork.of(new PlatformSpec(spec.seed(),
                            List.of(new NodeSpec(ALICE, a.device(), a.overrides(), a.qubits()),
                                    new NodeSpec(BOB, b.device(), b.overrides(), b.qubits())),
                            List.of(new LinkSpec(l.name(), ALICE, BOB, lengthKm, l.scheme(), l.station(),
                                    l.overrides())), spec.options())));
        }
    }

    /** A two-node network of one preset with a single-click link of this length. */
    static SimulatedNetwork network(String preset, double lengthKm, long seed) {
        return SimulatedNetwork.builder().seed(seed).node(ALICE, preset).node(BOB, preset)
                .link(ALICE, BOB, lengthKm).build();
    }

    /** The figures of one link at one α (NaN α: no α meets the minimum, so no pair figures). */
    static SweepPoint point(String preset, DeviceParameters device, double lengthKm, HeraldedLink link, double alpha) {
        long slot = link.slotNanos();
        long delay = Math.max(link.delayToStationNanos(link.spec().nodeA()),
                link.delayToStationNanos(link.spec().nodeB()));
        long slots = HeraldingNode.keepAttemptSlots(link);
        boolean any = !Double.isNaN(alpha);
        double p = any ? link.successProbability(alpha) : Double.NaN;
        double fidelity = any ? link.heraldedFidelity(alpha) : Double.NaN;
        double attemptsPerSecond = 1e9 / slot;
        double eta = fibreTransmissivity(device.attenuationDbPerKm(), lengthKm);
        double plob = plob(eta);
        return new SweepPoint(preset, lengthKm, alpha, p, fidelity, slot, delay, attemptsPerSecond,
                p * attemptsPerSecond, slots, p * 1e9 / (slots * (double) slot), eta, plob,
                plob * attemptsPerSecond, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }


    /** η_f = 10^(−a·L/10). */
    static double fibreTransmissivity(double attenuationDbPerKm, double lengthKm) {
        return Math.pow(10, -attenuationDbPerKm * lengthKm / 10);
    }

    /** The PLOB bound −log2(1 − η), infinite for a lossless channel. */
    static double plob(double eta) {
        return eta >= 1 ? Double.POSITIVE_INFINITY : -Math.log1p(-eta) / Math.log(2);
    }
}
