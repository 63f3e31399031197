package org.qnetstack.apps.blind;

import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * A statistical check of blindness from the client's records and the server's views of the same runs: over the
 * computation runs, is what the server saw independent of the client's input? Pearson's χ² test of homogeneity
 * of a view's distribution (e.g. δ_0 over its eight values) between the runs with x = 0 and those with x = 1.
 */
public final class Blindness {
    private Blindness() {
    }

    /**
     * The p-value of the χ² test that {@code feature} of the server's view (values 0 to {@code values} − 1) has the
     * same distribution for both inputs; small values mean the view depends on the input.
     */
    public static double pValue(List<BlindComputation.ClientRun> client, List<BlindComputation.ServerView> server,
                                ToIntFunction<BlindComputation.ServerView> feature, int values) {
        if (client.size() != server.size()) {
            throw new IllegalArgumentException(client.size() + " client runs but " + server.size() + " server views");
        }
        long[][] counts = new long[2][values];
        for (int i = 0; i < client.size(); i++) {
            if (!client.get(i).test()) {
                counts[client.get(i).input()][feature.applyAsInt(server.get(i))]++;
            }
        }
        return homogeneity(counts);
    }

    /** Pearson's χ² homogeneity test of the rows of a contingency table; columns with no counts are left out. */
    public static double homogeneity(long[][] counts) {
        long total = 0;
        long[] rows = new long[counts.length];
        long[] columns = new long[counts[0].length];
        for (int r = 0; r < counts.length; r++) {
            for (int c = 0; c < columns.length; c++) {
                rows[r] += counts[r][c];
                columns[c] += counts[r][c];
                total += counts[r][c];
            }
        }
        double chi2 = 0;
        int usedColumns = 0;
        for (int c = 0; c < columns.length; c++) {
            if (columns[c] == 0) {
                continue;
            }
            usedColumns++;
            for (int r = 0; r < counts.length; r++) {
                double expected = (double) rows[r] * columns[c] / total;
                if (expected > 0) {
                    chi2 += (counts[r][c] - expected) * (counts[r][c] - expected) / expected;
                }
            }
        }
        int freedom = (counts.length - 1) * (usedColumns - 1);
        if (freedom < 1) {
            return 1;
        }
        return ChiSquaredDistribution.of(freedom).survivalProbability(chi2);
    }
}
