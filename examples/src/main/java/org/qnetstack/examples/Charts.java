package org.qnetstack.examples;

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
 * The examples' charts (XChart, headless): panels of one style stacked in one PNG under a line of the run's
 * parameters; measured series as markers with error bars, model series as lines without markers, so that a
 * model never hides a measurement and the two are told apart at a glance.
 */
public final class Charts {
    public static final int WIDTH = 1000;
    public static final int PANEL_HEIGHT = 520;
    /** The strip above the panels with the run's parameters. */
    public static final int HEADER_HEIGHT = 80;
    public static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    public static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};
    public static final BasicStroke SOLID = new BasicStroke(2f);
    public static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 5f}, 0f);
    public static final BasicStroke DOTTED = new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
            10f, new float[] {1.5f, 4f}, 0f);
    /** Line patterns, one per curve of a panel where curves may coincide: each stays visible under another. */
    public static final BasicStroke[] PATTERNS = {SOLID,
        new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {12f, 6f}, 0f),
        new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {12f, 5f, 3f, 5f}, 3f),
        new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 6f),
        new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 9f}, 1f),
        new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {20f, 4f, 2f, 4f}, 9f)};
    private static final BasicStroke NO_LINE = new BasicStroke(0f);

    private Charts() {
    }

    /** The height of a PNG of {@code panels} panels. */
    public static int height(int panels) {
        return HEADER_HEIGHT + panels * PANEL_HEIGHT;
    }

    /** A panel: title, axis titles with units, legend below, white background, optional log y axis. */
    public static XYChart panel(String title, String x, String y, String xPattern, boolean logY) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle(x)
                .yAxisTitle(y).build();
        XYStyler s = chart.getStyler();
        // a column on the right: a row below runs off the image once a panel has a dozen series
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xdddddd));
        s.setMarkerSize(8);
        s.setAntiAlias(true);
        s.setErrorBarsColorSeriesColor(true);
        s.setXAxisDecimalPattern(xPattern);
        if (logY) {
            s.setYAxisLogarithmic(true);
            s.setYAxisDecimalPattern("0E0");
        }
        return chart;
    }

    /**
     * Measurements: markers with ±error bars, joined by a thin line of the same colour; on a log axis an
     * error bar is cut at 90% of its value (the axis cannot show zero). Nothing is added without points.
     */
    public static void measured(XYChart chart, String name, List<Double> x, List<Double> y, List<Double> error,
                                Color colour, Marker marker, boolean logY) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> es = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            double v = y.get(i);
            if (Double.isFinite(v) && (!logY || v > 0)) {
                double e = Double.isFinite(error.get(i)) ? error.get(i) : 0;
                xs.add(x.get(i));
                ys.add(v);
                es.add(logY ? Math.min(e, 0.9 * v) : e);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys, es);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setLineStyle(new BasicStroke(1f));
        s.setMarker(marker);
    }

    /** A model: a line without markers; points that are not finite (or not positive on a log axis) are left out. */
    public static void model(XYChart chart, String name, List<Double> x, List<Double> y, Color colour,
                             BasicStroke stroke, boolean logY) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            double v = y.get(i);
            if (Double.isFinite(v) && (!logY || v > 0)) {
                xs.add(x.get(i));
                ys.add(v);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setLineColor(colour);
        s.setLineStyle(stroke == null ? NO_LINE : stroke);
        s.setMarker(SeriesMarkers.NONE);
    }

    /** The panels one above the other under the parameters line, written as a PNG (directories made). */
    public static void write(Path file, String parameters, XYChart... panels) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, height(panels.length), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, image.getHeight());
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            int y = 18;
            for (String line : wrap(parameters, g.getFontMetrics(), WIDTH - 20)) {
                g.drawString(line, 10, y);
                y += 17;
            }
            for (int i = 0; i < panels.length; i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(panels[i]), 0, HEADER_HEIGHT + i * PANEL_HEIGHT, null);
            }
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

    /** At most four lines of the header's width. */
    private static List<String> wrap(String text, java.awt.FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && metrics.stringWidth(line + " " + word) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines.subList(0, Math.min(4, lines.size()));
    }
}
