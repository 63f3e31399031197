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
 * for k·(t + C_m) and twice that, with error bars to the lower end of the interval, beside the storage time the
 * stage-4 criterion asks for. The stage each pair reached is in its legend.
 */
final class StagesChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 600;

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
            List<Double> err = new ArrayList<>(List.of(e.fidelity() - e.fidelityLow()));
            for (PairEvidence.StoragePoint s : e.storage()) {
                x.add(s.heldNanos() / 1e6);
                y.add(s.fidelity());
                err.add(s.fidelity() - s.fidelityLow());
            }
            XYSeries series = chart.addSeries(p.first() + "–" + p.second() + " (stage " + p.stage() + ")", x, y, err);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        double t = c.storageNanos() / 1e6;
        XYSeries mark = chart.addSeries("k·(t + C_m) = " + String.format(java.util.Locale.ROOT, "%.3g ms", t),
                List.of(t, t), List.of(0.5, 1.0));
        mark.setMarker(SeriesMarkers.NONE);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
