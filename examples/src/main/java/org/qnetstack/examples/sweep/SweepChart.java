package org.qnetstack.examples.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.qnetstack.examples.Charts;

/**
 * Draws the sweep with XChart, headless: two panels stacked in one PNG per chart under a line of the sweep's
 * parameters, one colour and marker per preset. The length chart shows F and pairs/s (log axis) against
 * length; the α chart shows F and p (log axis) against α. The curves are the link model's.
 */
public final class SweepChart {
    /** Width of each PNG; its height is {@link Charts#height(int)} of two panels. */
    public static final int WIDTH = Charts.WIDTH;

    /** Measured points of neighbouring presets sit this share of the length axis apart, so none hides another. */
    private static final double OFFSET = 0.006;

    private SweepChart() {
    }

    /** Writes the length chart to {@code options.out()} and the α chart to {@code options.alphaOut()}. */
    public static void write(SweepOptions options, Sweep.Result result) throws IOException {
        Path out = options.out();
        Path alphaOut = options.alphaOut();
        if (out == null || alphaOut == null) {
            throw new IllegalArgumentException("no chart file: give --out");
        }
        List<String> presets = presets(options, result);
        double minF = options.minFidelity();

        XYChart fidelity = Charts.panel("Fidelity vs link length, α chosen for F ≥ " + num(minF),
                "link length L (km)", "fidelity F", "0", false);
        XYChart rate = Charts.panel("Pair rate vs link length", "link length L (km)", "pairs per second (1/s)", "0",
                true);
        double span = options.lengthsKm().get(options.lengthsKm().size() - 1) - options.lengthsKm().get(0);
        // The PLOB lines are drawn only down to a decade below the lowest rate: a lossy preset's bound would
        // otherwise stretch the axis over tens of decades.
        double floor = result.lengthSweep().stream()
                .flatMapToDouble(p -> DoubleStream.of(p.pairsPerSecondMeasure(), p.pairsPerSecondKeep()))
                .filter(v -> Double.isFinite(v) && v > 0).min().orElse(0) / 10;
        List<Double> fidelities = new ArrayList<>();
        for (String preset : presets) {
            List<SweepPoint> points = of(result.lengthSweep(), preset);
            if (points.isEmpty()) {
                continue;
            }
            int k = presets.indexOf(preset);
            Color colour = Charts.PALETTE[k % Charts.PALETTE.length];
            // Presets whose α the link layer tunes to the minimum share the line F = F_min: a pattern each.
            add(fidelity, preset + " model", true, points, SweepPoint::lengthKm, SweepPoint::heraldedFidelity, k,
                    Charts.PATTERNS[k % Charts.PATTERNS.length], Double.NEGATIVE_INFINITY, false);
            List<SweepPoint> sampled = points.stream().filter(p -> p.sampledPairs() > 0).toList();
            double shift = (k - (presets.size() - 1) / 2.0) * OFFSET * span;
            List<Double> x = sampled.stream().map(p -> p.lengthKm() + shift).toList();
            Charts.measured(fidelity, preset + " measured", x, sampled.stream().map(SweepPoint::measuredFidelity)
                    .toList(), sampled.stream().map(SweepPoint::measuredFidelitySigma).toList(), colour,
                    Charts.MARKERS[k % Charts.MARKERS.length], false);
            sampled.stream().map(SweepPoint::measuredFidelity).forEach(fidelities::add);
            Charts.measured(rate, preset + " measured", x, sampled.stream()
                    .map(p -> p.measuredSuccessProbability() * p.attemptsPerSecond()).toList(), sampled.stream()
                    .map(p -> p.measuredSuccessProbabilitySigma() * p.attemptsPerSecond()).toList(), colour,
                    Charts.MARKERS[k % Charts.MARKERS.length], true);
            points.stream().map(SweepPoint::heraldedFidelity).filter(Double::isFinite).forEach(fidelities::add);
            // one legend entry per preset (its colour); the title tells the line styles apart
            boolean named = add(rate, preset, true, points, SweepPoint::lengthKm, SweepPoint::pairsPerSecondMeasure,
                    k, Charts.SOLID, 0, false);
            named |= add(rate, named ? preset + " keep" : preset, !named, points, SweepPoint::lengthKm,
                    SweepPoint::pairsPerSecondKeep, k, Charts.DASHED, 0, false);
            add(rate, named ? preset + " PLOB" : preset, !named, points, SweepPoint::lengthKm,
                    SweepPoint::plobPairsPerSecond, k, Charts.DOTTED, floor, false);
        }
        fidelityRange(fidelity, fidelities, minF);
        Charts.write(out, parameters(options, presets), fidelity, rate);

        XYChart alphaFidelity = Charts.panel("Heralded fidelity vs α at L = " + num(options.alphaLengthKm()) + " km",
                "bright-state population α", "fidelity F", "0.00", false);
        XYChart alphaP = Charts.panel("Success probability per attempt vs α at L = " + num(options.alphaLengthKm())
                + " km", "bright-state population α", "success probability p per attempt", "0.00", true);
        List<Double> alphaFidelities = new ArrayList<>();
        for (String preset : presets) {
            List<SweepPoint> points = of(result.alphaSweep(), preset);
            if (points.isEmpty()) {
                continue;
            }
            int k = presets.indexOf(preset);
            add(alphaFidelity, preset, true, points, SweepPoint::alpha, SweepPoint::heraldedFidelity, k, Charts.SOLID,
                    Double.NEGATIVE_INFINITY, true);
            points.stream().map(SweepPoint::heraldedFidelity).filter(Double::isFinite).forEach(alphaFidelities::add);
            add(alphaP, preset, true, points, SweepPoint::alpha, SweepPoint::successProbability, k, Charts.SOLID, 0,
                    true);
        }
        fidelityRange(alphaFidelity, alphaFidelities, Double.NaN);
        Charts.write(alphaOut, parameters(options, presets), alphaFidelity, alphaP);
    }

    /** The curves' labels: the presets, or the configured link's label. */
    private static List<String> presets(SweepOptions options, Sweep.Result result) {
        return options.config() == null ? options.presets()
                : result.lengthSweep().stream().map(SweepPoint::preset).distinct().toList();
    }

    private static String parameters(SweepOptions options, List<String> presets) {
        return "Lines: the link model of a two-node single-click link per preset, station at the midpoint (rate: "
                + "solid measure directly, dashed keep, dotted PLOB bound at one use per slot). Length sweep at the α "
                + "the link layer picks for F ≥ " + num(options.minFidelity())
                + "; α sweep at L = " + num(options.alphaLengthKm()) + " km (model only). Markers: " + options.count()
                + " kept pairs simulated per length, ± 1 standard error (binomial for p·attempts/s, of the mean for "
                + "F); lengths needing over " + String.format(Locale.ROOT, "%.0e", (double) SweepSampler.MAX_EXPECTED_ATTEMPTS)
                + " attempts are not simulated.";
    }

    /**
     * Adds a series of the points whose value is finite and above {@code floor} (0 on a log axis);
     * returns false, adding nothing, when there are none.
     */
    private static boolean add(XYChart chart, String name, boolean inLegend, List<SweepPoint> points,
                               ToDoubleFunction<SweepPoint> x, ToDoubleFunction<SweepPoint> y, int k,
                               BasicStroke stroke, double floor, boolean markers) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (SweepPoint p : points) {
            double v = y.applyAsDouble(p);
            if (Double.isFinite(v) && v > floor) {
                xs.add(x.applyAsDouble(p));
                ys.add(v);
            }
        }
        if (xs.isEmpty()) {
            return false;
        }
        Color colour = Charts.PALETTE[k % Charts.PALETTE.length];
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setLineStyle(stroke);
        series.setMarker(markers ? Charts.MARKERS[k % Charts.MARKERS.length] : SeriesMarkers.NONE);
        series.setShowInLegend(inLegend);
        return true;
    }

    /** A fidelity axis from a little below the lowest value (and the minimum asked for) to just above 1. */
    private static void fidelityRange(XYChart chart, List<Double> fidelities, double minF) {
        double low = fidelities.stream().mapToDouble(Double::doubleValue).min().orElse(0.5);
        if (!Double.isNaN(minF)) {
            low = Math.min(low, minF);
        }
        chart.getStyler().setYAxisMin(Math.max(0, Math.floor((low - 0.02) * 20) / 20));
        chart.getStyler().setYAxisMax(1.01);
        chart.getStyler().setYAxisDecimalPattern("0.00");
    }

    private static List<SweepPoint> of(List<SweepPoint> points, String preset) {
        return points.stream().filter(p -> p.preset().equals(preset)).toList();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
