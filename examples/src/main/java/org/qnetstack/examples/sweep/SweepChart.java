package org.qnetstack.examples.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the sweep with XChart, headless: two panels stacked in one PNG per chart, one colour per
 * preset. The length chart shows F and pairs/s (log axis) against length; the α chart shows F and p
 * (log axis) against α.
 */
public final class SweepChart {
    /** Size of each PNG: two panels of {@link #WIDTH} × {@link #PANEL_HEIGHT}, one above the other. */
    public static final int WIDTH = 1000;
    public static final int PANEL_HEIGHT = 520;
    public static final int HEIGHT = 2 * PANEL_HEIGHT;

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 5f}, 0f);
    private static final BasicStroke DOTTED = new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
            10f, new float[] {1.5f, 4f}, 0f);

    private SweepChart() {
    }

    /** Writes the length chart to {@code options.out()} and the α chart to {@code options.alphaOut()}. */
    public static void write(SweepOptions options, Sweep.Result result) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<String> presets = options.presets();
        double minF = options.minFidelity();

        XYChart fidelity = chart("Heralded fidelity vs link length (α chosen by the link layer for F ≥ "
                + num(minF) + ")", "link length (km)", "fidelity F", "0", false);
        XYChart rate = chart("Pair rate vs link length (solid: measure directly, dashed: keep, dotted: PLOB bound)",
                "link length (km)", "pairs per second", "0", true);
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
            add(fidelity, preset, true, points, SweepPoint::lengthKm, SweepPoint::heraldedFidelity, k, SOLID,
                    Double.NEGATIVE_INFINITY);
            points.stream().map(SweepPoint::heraldedFidelity).filter(Double::isFinite).forEach(fidelities::add);
            // one legend entry per preset (its colour); the title tells the line styles apart
            boolean named = add(rate, preset, true, points, SweepPoint::lengthKm, SweepPoint::pairsPerSecondMeasure,
                    k, SOLID, 0);
            named |= add(rate, named ? preset + " keep" : preset, !named, points, SweepPoint::lengthKm,
                    SweepPoint::pairsPerSecondKeep, k, DASHED, 0);
            add(rate, named ? preset + " PLOB" : preset, !named, points, SweepPoint::lengthKm,
                    SweepPoint::plobPairsPerSecond, k, DOTTED, floor);
        }
        fidelityRange(fidelity, fidelities, minF);
        write(options.out(), fidelity, rate);

        XYChart alphaFidelity = chart("Heralded fidelity vs α at " + num(options.alphaLengthKm()) + " km",
                "bright-state population α", "fidelity F", "0.00", false);
        XYChart alphaP = chart("Success probability per attempt vs α at " + num(options.alphaLengthKm()) + " km",
                "bright-state population α", "success probability p", "0.00", true);
        List<Double> alphaFidelities = new ArrayList<>();
        for (String preset : presets) {
            List<SweepPoint> points = of(result.alphaSweep(), preset);
            if (points.isEmpty()) {
                continue;
            }
            int k = presets.indexOf(preset);
            add(alphaFidelity, preset, true, points, SweepPoint::alpha, SweepPoint::heraldedFidelity, k, SOLID,
                    Double.NEGATIVE_INFINITY);
            points.stream().map(SweepPoint::heraldedFidelity).filter(Double::isFinite).forEach(alphaFidelities::add);
            add(alphaP, preset, true, points, SweepPoint::alpha, SweepPoint::successProbability, k, SOLID, 0);
        }
        fidelityRange(alphaFidelity, alphaFidelities, Double.NaN);
        write(options.alphaOut(), alphaFidelity, alphaP);
    }

    private static XYChart chart(String title, String x, String y, String xPattern, boolean logY) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle(x)
                .yAxisTitle(y).build();
        XYStyler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xdddddd));
        s.setMarkerSize(7);
        s.setAntiAlias(true);
        s.setXAxisDecimalPattern(xPattern);
        if (logY) {
            s.setYAxisLogarithmic(true);
            s.setYAxisDecimalPattern("0E0");
        }
        return chart;
    }

    /**
     * Adds a series of the points whose value is finite and above {@code floor} (0 on a log axis);
     * returns false, adding nothing, when there are none.
     */
    private static boolean add(XYChart chart, String name, boolean inLegend, List<SweepPoint> points,
                               ToDoubleFunction<SweepPoint> x, ToDoubleFunction<SweepPoint> y, int k,
                               BasicStroke stroke, double floor) {
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
        Color colour = PALETTE[k % PALETTE.length];
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setLineStyle(stroke);
        series.setMarker(stroke == SOLID ? MARKERS[k % MARKERS.length] : SeriesMarkers.NONE);
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

    private static void write(Path file, XYChart top, XYChart bottom) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.drawImage(BitmapEncoder.getBufferedImage(top), 0, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(bottom), 0, PANEL_HEIGHT, null);
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    private static List<SweepPoint> of(List<SweepPoint> points, String preset) {
        return points.stream().filter(p -> p.preset().equals(preset)).toList();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
