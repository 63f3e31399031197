package org.qnetstack.examples;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * The chain example's chart: pairs per channel use and fidelity against total distance, one colour and
 * marker per repeater count. Measured points carry ±1 standard error (the rate's from the spread of the times
 * between pairs, the fidelity's from the pairs' spread); beside them the models: the controller's expected
 * rate and the fidelity the network layer reports for its pairs, and the PLOB bound. Distilled points sit
 * 1.5% to the right and plain ones 1.5% to the left of their distance, so that neither hides the other.
 */
final class ChainChart {
    private static final double OFFSET = 0.015;

    private ChainChart() {
    }

    static void write(List<ChainExample.Point> points, String device, int pairs, long seed, Path out)
            throws IOException {
        XYChart rate = Charts.panel("End-to-end pairs per channel use vs distance", "total distance L (km)",
                "pairs per channel use", "0", true);
        XYChart fidelity = Charts.panel("End-to-end fidelity vs distance", "total distance L (km)", "fidelity F",
                "0", false);
        List<Integer> ns = points.stream().map(ChainExample.Point::repeaters).distinct().sorted().toList();
        for (boolean distil : new boolean[] {false, true}) {
            for (int n : ns) {
                List<ChainExample.Point> series = points.stream().filter(p -> p.repeaters() == n
                        && p.distilled() == distil && p.refused().isEmpty()).toList();
                if (series.isEmpty()) {
                    continue;
                }
                String name = "N = " + n + (distil ? " DEJMPS" : "");
                int k = ns.indexOf(n);
                Color colour = Charts.PALETTE[k % Charts.PALETTE.length];
                double shift = distil ? 1 + OFFSET : 1 - OFFSET;
                List<Double> x = series.stream().map(p -> p.distanceKm() * shift).toList();
                List<Double> km = series.stream().map(ChainExample.Point::distanceKm).toList();
                Charts.measured(rate, name, x, series.stream().map(ChainExample.Point::perChannelUse).toList(),
                        series.stream().map(ChainExample.Point::perChannelUseSigma).toList(), colour,
                        Charts.MARKERS[(2 * k + (distil ? 1 : 0)) % Charts.MARKERS.length], true);
                Charts.model(rate, name + " model", km,
                        series.stream().map(ChainExample.Point::modelPerChannelUse).toList(), colour,
                        distil ? Charts.DASHED : Charts.SOLID, true);
                Charts.measured(fidelity, name, x, series.stream().map(ChainExample.Point::meanFidelity).toList(),
                        series.stream().map(ChainExample.Point::meanFidelitySigma).toList(), colour,
                        Charts.MARKERS[(2 * k + (distil ? 1 : 0)) % Charts.MARKERS.length], false);
                Charts.model(fidelity, name + " estimate", km,
                        series.stream().map(ChainExample.Point::meanEstimate).toList(), colour,
                        distil ? Charts.DASHED : Charts.SOLID, false);
            }
        }
        List<Double> km = points.stream().map(ChainExample.Point::distanceKm).distinct().sorted().toList();
        Charts.model(rate, "PLOB bound (repeaterless)", km,
                km.stream().map(d -> ChainExample.plob(ChainExample.transmissivity(d))).toList(), Color.BLACK,
                Charts.DOTTED, true);
        Charts.write(out, String.format(Locale.ROOT, "Chains of N repeaters over total distance L in N + 1 equal links "
                + "of %.1f dB/km fibre; %s; %d pairs per point; seed %d; a channel use is one attempt slot on every "
                + "link. Markers: simulated ± 1 standard error (plain 1.5%% left, DEJMPS 1.5%% right of L). Lines: "
                + "the controller's expected rate and the network layer's fidelity estimate (solid plain, dashed "
                + "DEJMPS); dotted: PLOB.", ChainExample.ATTENUATION_DB_PER_KM, device, pairs, seed), rate, fidelity);
    }
}
