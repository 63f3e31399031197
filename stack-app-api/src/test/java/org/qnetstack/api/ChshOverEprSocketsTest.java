package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A CHSH test with measure-directly pairs: alice measures Z or X, bob (Z±X)/√2, each drawn per pair by the
 * link layer at its own end. S is estimated with the signs the heralded Bell state calls for, so it needs
 * no correction: S = s_Z·(E(Z,b₀) + E(Z,b₁)) + s_X·(E(X,b₀) − E(X,b₁)), s_P = ⟨P⊗P⟩ of the Bell state.
 */
class ChshOverEprSocketsTest {
    private static final MeasurementAxis B0 = MeasurementAxis.inXzPlane(Math.PI / 4);

    @ParameterizedTest
    @CsvSource({"networks/two-nodes-ideal.yaml, 1.0", "networks/two-nodes-generic.yaml, 0.8"})
    void sEqualsTwoRootTwoTimesTheWernerParameter(String resource, double fidelity) {
        int pairs = 4000;
        List<EprMeasurement> atAlice = new ArrayList<>();
        List<EprMeasurement> atBob = new ArrayList<>();
        try (SimulatedNetwork net = SimulatedNetwork.fromResource(resource, 7)) {
            net.runReactive("alice", n -> n.eprSocket("bob").minFidelity(fidelity - 0.01)
                    .createMeasure(pairs, BasisChoice.chshFirst(), BasisChoice.chshSecond()).doOnNext(atAlice::add));
            net.runReactive("bob", n -> n.eprSocket("alice").minFidelity(fidelity - 0.01).recvMeasure(pairs)
                    .doOnNext(atBob::add));
            net.awaitCompletion();
        }
        Map<PairId, EprMeasurement> bobs = new HashMap<>();
        atBob.forEach(m -> bobs.put(m.id(), m));
        double[][] sum = new double[2][2];
        double[][] count = new double[2][2];
        for (EprMeasurement a : atAlice) {
            EprMeasurement b = bobs.get(a.id());
            assertEquals(a.bellIndex(), b.bellIndex());
            int i = a.axis().equals(MeasurementAxis.Z) ? 0 : 1;
            int j = b.axis().equals(B0) ? 0 : 1;
            int bell = a.bellIndex();
            int sZ = bell <= 1 ? 1 : -1;
            int sX = bell == 0 || bell == 2 ? 1 : -1;
            double product = (a.outcome() ^ b.outcome()) == 0 ? 1 : -1;
            // Fold each pair's product by its Bell state's sign for this term of S.
            sum[i][j] += product * (i == 0 ? sZ : sX);
            count[i][j]++;
        }
        double s = 0;
        double variance = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertTrue(count[i][j] > pairs / 8.0, "every setting drawn: " + count[i][j]);
                double e = sum[i][j] / count[i][j];
                s += (i == 1 && j == 1) ? -e : e;
                variance += (1 - e * e) / count[i][j];
            }
        }
        double w = (4 * fidelity - 1) / 3;
        double expected = 2 * Math.sqrt(2) * w;
        double sigma = Math.sqrt(variance);
        System.out.printf("CHSH on %s: S = %.4f ± %.4f (expected 2√2·w = %.4f)%n", resource, s, sigma, expected);
        assertEquals(expected, s, 3 * sigma, "S within 3σ of 2√2·w");
    }
}
