package org.qnetstack.examples.stages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.qnetstack.apps.stages.NetworkCertificate;
import org.qnetstack.apps.stages.PairCertificate;
import org.qnetstack.apps.stages.PairEvidence;

/**
 * The chart of {@code stages}: for every pair, the fidelity of its pairs measured at once and after being held
 * for k·(t + C_m) and twice that, and (dashed) the lower end of its interval that the criteria use, beside the
 * storage time the stage-4 criterion asks for. The stage each pair reached is in its legend.
 */
final class StagesChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 600;
    private static final java.awt.BasicStroke DASHED = new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
            java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private StagesChart() {
    }

    static void write(NetworkCertificate c, Path file) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Pair fidelity against storage time (network: stage " + c.stage() + ", " + c.stageName() + ")")
                .xAxisTitle("storage time (ms)").yAxisTitle("fidelity to the announced Bell state").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        for (PairCertificate p : c.pairs()) {
            PairEvidence e = p.evidence();
            List<Double> x = new ArrayList<>(List.of(0.0));
            List<Double> y = new ArrayList<>(List.of(e.fidelity()));
            List<Double> low = new ArrayList<>(List.of(e.fidelityLow()));
            for (PairEvidence.StoragePoint s : e.storage()) {
                x.add(s.heldNanos() / 1e6);
                y.add(s.fidelity());
                low.add(s.fidelityLow());
            }
            String name = p.first() + "–" + p.second();
            chart.addSeries(name + " (stage " + p.stage() + ")", x, y).setMarker(SeriesMarkers.CIRCLE);
            XYSeries bound = chart.addSeries(name + ": lower end of the 95% interval", x, low);
            bound.setMarker(SeriesMarkers.NONE);
            bound.setLineStyle(DASHED);
        }
        double t = c.storageNanos() / 1e6;
        XYSeries mark = chart.addSeries("k·(t + C_m) = " + String.format(java.util.Locale.ROOT, "%.3g ms", t),
                List.of(t, t), List.of(0.5, 1.0));
        mark.setMarker(SeriesMarkers.NONE);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
