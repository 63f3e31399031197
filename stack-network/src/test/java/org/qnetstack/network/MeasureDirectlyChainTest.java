package org.qnetstack.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Basis;
import org.qnetstack.link.BasisChoice;
import org.qnetstack.link.RequestType;

/**
 * Measure-directly pairs over generic chains on the simulated platform: both ends measure on arrival and
 * the outcomes, corrected by the Bell index both ends report, disagree as often as the end-to-end state
 * says. Generic links give Werner pairs of fidelity F (w = (4F − 1)/3), gates are perfect and memories keep
 * their state, so swapping n links gives the Werner state w = wⁿ (docs/physics.md), whose QBER is (1 − w)/2 in
 * Z and in X alike.
 */
class MeasureDirectlyChainTest {
    private static final double LINK_FIDELITY = 0.95;

    /** Disagreements and pairs measured in the same basis at both ends, by basis. */
    private record Tally(Map<Basis, int[]> errors, Map<Basis, int[]> pairs, Map<Basis, int[]> tailAxes) {
        Tally() {
            this(new EnumMap<>(Basis.class), new EnumMap<>(Basis.class), new EnumMap<>(Basis.class));
        }

        double qber(Basis b) {
            return (double) errors.get(b)[0] / pairs.get(b)[0];
        }

        int count(Basis b) {
            return pairs.get(b)[0];
        }
    }

    private static Tally measure(int nodes, int number, BasisChoice head, BasisChoice tail, long seed) {
        return measure(nodes, number, head, tail, CircuitPolicy.NONE, seed);
    }

    private static Tally measure(int nodes, int number, BasisChoice head, BasisChoice tail, CircuitPolicy policy,
                                 long seed) {
        Tally t = new Tally();
        for (Basis b : Basis.values()) {
            t.errors().put(b, new int[1]);
            t.pairs().put(b, new int[1]);
            t.tailAxes().put(b, new int[1]);
        }
        try (SimulatedChain chain = new SimulatedChain(SimulatedChain.spec(nodes, "generic",
                DistillationTest.genericLinks(LINK_FIDELITY), seed))) {
            chain.run(new PairRequest(chain.tail(), RequestType.MEASURE, number, 0.5, head, tail, SimulatedChain.SOCKET,
                    0, policy), (a, b) -> {
                        assertEquals(a.pairId(), b.pairId(), "the same pair at both ends");
                        assertEquals(a.bellIndex(), b.bellIndex());
                        assertEquals(RequestType.MEASURE, a.type());
                        assertEquals(-1, a.qubit());
                        assertEquals(-1, b.qubit());
                        t.tailAxes().get(b.basis())[0]++;
                        if (a.basis() == b.basis()) {
                            // Φ+ agrees in Z and X; the frame's X part flips Z outcomes, its Z part X outcomes.
                            int x = a.bellIndex() >> 1;
                            int z = a.bellIndex() & 1;
                            int flip = a.basis() == Basis.Z ? x : z;
                            t.pairs().get(a.basis())[0]++;
                            t.errors().get(a.basis())[0] += a.outcome() ^ b.outcome() ^ flip;
                        }
                    });
            assertEquals(number, chain.pairs.get(chain.tail()).size());
            assertTrue(chain.errors.get(chain.head()).isEmpty(), chain.errors.toString());
            assertEquals(0, chain.inUse(), "the ends measured at once, the repeaters swapped: nothing held");
        }
        return t;
    }

    private static double predictedQber(int links) {
        double w = Math.pow((4 * LINK_FIDELITY - 1) / 3, links);
        return (1 - w) / 2;
    }

    private static void assertQber(double expected, Tally t, Basis b) {
        int n = t.count(b);
        assertEquals(expected, t.qber(b), DistillationTest.threeSigma(expected, n), b + " QBER over " + n + " pairs");
    }

    /** Measures over undistilled links and checks the swapped Werner state's QBER in Z and in X. */
    private static Tally measureSwappedWerner(int nodes, int number, BasisChoice head, BasisChoice tail, long seed) {
        Tally t = measure(nodes, number, head, tail, seed);
        double q = predictedQber(nodes - 1);
        assertQber(q, t, Basis.Z);
        assertQber(q, t, Basis.X);
        return t;
    }

    @Test
    void threeNodesRandomXzAtBothEnds() {
        int number = 3000;
        Tally t = measureSwappedWerner(3, number, BasisChoice.randomXz(), BasisChoice.randomXz(), 31); // Q = 0.0644
        assertEquals(0, t.count(Basis.Y));
        // Each end draws its own basis: they agree half the time.
        assertEquals(0.5, (double) (t.count(Basis.Z) + t.count(Basis.X)) / number,
                DistillationTest.threeSigma(0.5, number));
    }

    @Test
    void threeNodesDistilledOnceByBbpsswGiveTheDistilledWeights() {
        // One BBPSSW round on Werner F, x = (1 − F)/3, keeps (F² + x², 2Fx, 2x², 2x²)/N on (Φ+, Φ−, Ψ+, Ψ−)
        // (docs/physics.md); swapping two Bell-diagonal pairs adds their errors (index d₁ ⊕ d₂). The QBER in Z is
        // the weight of X errors (Ψ±), in X that of Z errors (Φ−, Ψ−): different here, unlike for Werner pairs.
        double f = LINK_FIDELITY;
        double x = (1 - f) / 3;
        double n = f * f + 2 * f * x + 5 * x * x;
        double[] hop = {(f * f + x * x) / n, 2 * f * x / n, 2 * x * x / n, 2 * x * x / n};
        double[] joined = new double[4];
        for (int d1 = 0; d1 < 4; d1++) {
            for (int d2 = 0; d2 < 4; d2++) {
                joined[d1 ^ d2] += hop[d1] * hop[d2];
            }
        }
        int number = 3000;
        Tally t = measure(3, number, BasisChoice.randomXz(), BasisChoice.randomXz(),
                new CircuitPolicy(new Distillation(DistillationProtocol.BBPSSW, 1), 0), 33);
        assertQber(joined[2] + joined[3], t, Basis.Z); // 0.0024
        assertQber(joined[1] + joined[3], t, Basis.X); // 0.0665
    }

    @Test
    void fiveNodesWithEachEndItsOwnChoice() {
        int number = 4000;
        Tally t = measureSwappedWerner(5, number, BasisChoice.randomXz(), BasisChoice.randomXyz(), 32); // Q = 0.1206
        assertEquals(1.0 / 3, (double) t.tailAxes().get(Basis.Y)[0] / number,
                DistillationTest.threeSigma(1.0 / 3, number), "the tail measures Y a third of the time");
    }
}
