package org.qnetstack.study;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A study's figure against one varied field: the mean over the seeds at each value, with error bars of one
 * standard error of that mean (the seeds' spread / √n), one series per combination of the other varied fields
 * and configuration, each with its own colour and marker so none hides another. Failed points are left out
 * and counted in the subtitle.
 */
public final class StudyChart {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 620;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};

    private StudyChart() {
    }

    /** One point of a series: x, the mean of the figure over n seeds, and the standard error of that mean. */
    public record Mean(double x, double mean, double standardError, int n) {
    }

    /**
     * The series of the chart: for each combination of configuration and the fields other than {@code x}, the
     * figure's mean and standard error at each value of {@code x}, in the grid's order.
     *
     * @throws IllegalArgumentException if no point sets {@code x} or has the figure as a number
     */
    public static Map<String, List<Mean>> series(StudyResults results, String x, String figure) {
        Map<String, Map<Double, List<Double>>> grouped = new LinkedHashMap<>();
        boolean configurations = results.all().stream().map(r -> r.point().configuration()).distinct().count() > 1;
        for (PointResult r : results.all()) {
            String xs = r.point().setting(x);
            if (xs == null) {
                throw new IllegalArgumentException("the study does not vary '" + x + "' (it varies "
                        + r.point().settings().stream().map(Setting::path).toList() + ")");
            }
            if (!r.ok() || !(r.values().get(figure) instanceof Number value)) {
                continue;
            }
            double xv;
            try {
                xv = Double.parseDouble(xs);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + x + "' takes values that are not numbers (" + xs
                        + "); chart another field", e);
            }
            String label = r.point().settings().stream().filter(s -> !s.path().equals(x)).map(Setting::toString)
                    .collect(Collectors.joining(", "));
            if (configurations) {
                label = shortName(r.point().configuration()) + (label.isEmpty() ? "" : ", " + label);
            }
            grouped.computeIfAbsent(label.isEmpty() ? figure : label, k -> new LinkedHashMap<>())
                    .computeIfAbsent(xv, k -> new ArrayList<>()).add(value.doubleValue());
        }
        if (grouped.isEmpty()) {
            throw new IllegalArgumentException("no point has the figure '" + figure + "' as a number (figures: "
                    + results.figures() + ")");
        }
        Map<String, List<Mean>> series = new LinkedHashMap<>();
        grouped.forEach((label, byX) -> {
            List<Mean> means = new ArrayList<>();
            byX.forEach((xv, values) -> means.add(mean(xv, values)));
            series.put(label, means);
        });
        return series;
    }

    private static Mean mean(double x, List<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.size();
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double se = values.size() < 2 ? 0 : Math.sqrt(squares / (values.size() - 1) / values.size());
        return new Mean(x, mean, se, values.size());
    }

    /**
     * Writes the chart as a PNG.
     *
     * @param subtitle what the reader must know to read the chart: the task and its parameters, the seeds
     */
    public static void writePng(StudyResults results, String x, String figure, String subtitle, Path file)
            throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Map<String, List<Mean>> series = series(results, x, figure);
        int failed = results.failed().size();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(figure + " vs " + x + " — " + subtitle + (failed == 0 ? "" : " (" + failed + " failed points left out)"))
                .xAxisTitle(x).yAxisTitle(figure + " (mean ± 1 standard error over seeds)").build();
        chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDecimalPattern("#,##0.####");
        chart.getStyler().setLocale(Locale.ROOT);
        int i = 0;
        for (Map.Entry<String, List<Mean>> e : series.entrySet()) {
            List<Mean> m = e.getValue();
            XYSeries s = chart.addSeries(e.getKey(), m.stream().mapToDouble(Mean::x).toArray(),
                    m.stream().mapToDouble(Mean::mean).toArray(), m.stream().mapToDouble(Mean::standardError).toArray());
            s.setLineColor(PALETTE[i % PALETTE.length]);
            s.setMarkerColor(PALETTE[i % PALETTE.length]);
            s.setMarker(MARKERS[i % MARKERS.length]);
            i++;
        }
        String name = file.toString();
        BitmapEncoder.saveBitmap(chart, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
                BitmapEncoder.BitmapFormat.PNG);
    }

    private static String shortName(String configuration) {
        int slash = Math.max(configuration.lastIndexOf('/'), configuration.lastIndexOf(':'));
        return configuration.substring(slash + 1);
    }
}
