package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.qnetstack.network.DistillationProtocol;
import org.qnetstack.sim.state.StateEngine;

/**
 * One distillation round, gate by gate, on the simulator's state engine, with every twirl and every pair of
 * outcomes walked with its exact probability: the round's success probability and the kept pair's Bell
 * weights (relative to the Bell index both ends compute) against Bennett et al.'s formulas (docs/physics.md)
 * and the network layer's own estimate, {@link BellDiagonal#round}, to 1e-12.
 */
class DistillationRoundExactTest {
    private static final double EXACT = 1e-12;

    /** Success probability and the kept pair's weights relative to its reported Bell index, d = 0…3. */
    private record Outcome(double success, double[] kept) {
    }

    /**
     * The round averaged over the given twirls (each pair of twirls equally likely), on pairs whose true
     * states are the given weights relative to the given Bell indices.
     */
    private static Outcome exact(DistillationProtocol protocol, DistillationRound.Twirls[] twirls,
                                 BellDiagonal first, int firstBell, BellDiagonal second, int secondBell) {
        double success = 0;
        double[] kept = new double[4];
        for (DistillationRound.Twirls t : twirls) {
            for (int leaderOutcome = 0; leaderOutcome < 2; leaderOutcome++) {
                for (int followerOutcome = 0; followerOutcome < 2; followerOutcome++) {
                    StateEngine engine = new StateEngine();
                    int[] leader = {engine.allocate(), engine.allocate()};
                    int[] follower = {engine.allocate(), engine.allocate()};
                    engine.setBellDiagonal(leader[0], follower[0], relabelled(first, firstBell));
                    engine.setBellDiagonal(leader[1], follower[1], relabelled(second, secondBell));
                    EngineDevice l = new EngineDevice(engine, leader, leaderOutcome);
                    EngineDevice f = new EngineDevice(engine, follower, followerOutcome);
                    DistillationRound.apply(l.operations(), true, protocol, t, 0, 1);
                    DistillationRound.apply(f.operations(), false, protocol, t, 0, 1);
                    DistillationRound.Frames frames =
                            DistillationRound.frames(protocol, t, firstBell, secondBell);
                    if (l.dead || f.dead || !DistillationRound.agree(frames, leaderOutcome, followerOutcome)) {
                        continue;
                    }
                    double w = l.weight * f.weight / twirls.length;
                    success += w;
                    for (int d = 0; d < 4; d++) {
                        kept[d] += w * engine.bellFidelity(leader[0], follower[0], frames.keptBell() ^ d);
                    }
                }
            }
        }
        for (int d = 0; d < 4; d++) {
            kept[d] /= success;
        }
        return new Outcome(success, kept);
    }

    /** The true weights of a pair whose reported Bell index is b: weight p[d] on Bell state b ⊕ d. */
    private static double[] relabelled(BellDiagonal p, int b) {
        double[] w = new double[4];
        for (int d = 0; d < 4; d++) {
            w[b ^ d] = p.get(d);
        }
        return w;
    }

    /** BBPSSW's 144 equally likely pairs of twirls, one drawn for each pair. */
    private static DistillationRound.Twirls[] independentTwirls() {
        int n = DistillationRound.TWIRLS;
        DistillationRound.Twirls[] all = new DistillationRound.Twirls[n * n];
        for (int i = 0; i < all.length; i++) {
            all[i] = new DistillationRound.Twirls(i / n, i % n);
        }
        return all;
    }

    /**
     * Bennett et al. on the Werner states of the pairs' fidelities F₁, F₂ (x_i = (1 − F_i)/3): kept when the
     * targets agree, with N = F₁F₂ + F₁x₂ + x₁F₂ + 5x₁x₂ and weights (F₁F₂ + x₁x₂, F₁x₂ + x₁F₂, 2x₁x₂, 2x₁x₂)/N
     * on (Φ+, Φ−, Ψ+, Ψ−) relative to the kept frame.
     */
    private static Outcome textbook(double f1, double f2) {
        double x1 = (1 - f1) / 3;
        double x2 = (1 - f2) / 3;
        double n = f1 * f2 + f1 * x2 + x1 * f2 + 5 * x1 * x2;
        return new Outcome(n, new double[] {(f1 * f2 + x1 * x2) / n, (f1 * x2 + x1 * f2) / n, 2 * x1 * x2 / n,
                2 * x1 * x2 / n});
    }

    private static void assertSame(Outcome expected, Outcome actual, String what) {
        assertEquals(expected.success(), actual.success(), EXACT, what + ": success probability");
        for (int d = 0; d < 4; d++) {
            assertEquals(expected.kept()[d], actual.kept()[d], EXACT, what + ": kept weight " + d);
        }
    }

    private static Outcome estimate(DistillationProtocol protocol, BellDiagonal first, BellDiagonal second) {
        BellDiagonal.Round r = BellDiagonal.round(protocol, first, second);
        BellDiagonal k = r.kept();
        return new Outcome(r.successProbability(), new double[] {k.p0(), k.p1(), k.p2(), k.p3()});
    }

    @Test
    void bbpsswOnWernerPairsIsTheTextbookRound() {
        Outcome equal = exact(DistillationProtocol.BBPSSW, independentTwirls(), BellDiagonal.werner(0.8), 0,
                BellDiagonal.werner(0.8), 0);
        assertSame(textbook(0.8, 0.8), equal, "F = 0.8");
        assertEquals(0.7689, equal.success(), 5e-5, "docs/physics.md's worked N");
        assertEquals(0.8382, equal.kept()[0], 5e-5, "docs/physics.md's worked F'");
        Outcome unequal = exact(DistillationProtocol.BBPSSW, independentTwirls(), BellDiagonal.werner(0.9), 3,
                BellDiagonal.werner(0.7), 1);
        assertSame(textbook(0.9, 0.7), unequal, "F = 0.9 and 0.7, in Ψ− and Φ− frames");
        assertSame(estimate(DistillationProtocol.BBPSSW, BellDiagonal.werner(0.9), BellDiagonal.werner(0.7)),
                unequal, "the network's estimate");
    }

    @Test
    void bbpsswTwirlsNonWernerPairsIntoWernerPairsOfTheirFidelity() {
        BellDiagonal dephased = new BellDiagonal(0.6, 0.4, 0, 0);
        Outcome out = exact(DistillationProtocol.BBPSSW, independentTwirls(), dephased, 0, dephased, 0);
        assertSame(textbook(0.6, 0.6), out, "(0.6, 0.4, 0, 0) twice");
        assertEquals(0.6089, out.success(), 5e-5, "docs/physics.md's worked N");
        assertEquals(0.6204, out.kept()[0], 5e-5, "docs/physics.md's worked F'");
        assertSame(estimate(DistillationProtocol.BBPSSW, dephased, dephased), out, "the network's estimate");

        BellDiagonal a = new BellDiagonal(0.7, 0.1, 0.15, 0.05);
        BellDiagonal b = new BellDiagonal(0.85, 0, 0.05, 0.1);
        Outcome mixed = exact(DistillationProtocol.BBPSSW, independentTwirls(), a, 2, b, 1);
        assertSame(textbook(0.7, 0.85), mixed, "two different non-Werner pairs in Ψ+ and Φ− frames");
        assertSame(estimate(DistillationProtocol.BBPSSW, a, b), mixed, "the network's estimate");
    }

    @Test
    void oneTwirlSharedByBothPairsIsNotBbpssw() {
        // The bug this round's two twirls fix: with one twirl for both pairs, (0.6, 0.4, 0, 0) pairs keep with
        // probability (1 + 0.52 + 0.52)/3 = 0.68 (the error lands on Z for both, or on X or Y for both).
        DistillationRound.Twirls[] shared = new DistillationRound.Twirls[DistillationRound.TWIRLS];
        for (int t = 0; t < shared.length; t++) {
            shared[t] = new DistillationRound.Twirls(t, t);
        }
        BellDiagonal dephased = new BellDiagonal(0.6, 0.4, 0, 0);
        assertEquals(0.68, exact(DistillationProtocol.BBPSSW, shared, dephased, 0, dephased, 0).success(), EXACT);
    }

    @Test
    void dejmpsOnBellDiagonalPairsIsTheNetworksEstimate() {
        BellDiagonal worked = new BellDiagonal(0.8, 0.05, 0.05, 0.1);
        DistillationRound.Twirls[] none = {DistillationRound.Twirls.NONE};
        Outcome out = exact(DistillationProtocol.DEJMPS, none, worked, 0, worked, 0);
        assertSame(estimate(DistillationProtocol.DEJMPS, worked, worked), out, "docs/physics.md's worked state");
        assertEquals(0.7927, out.kept()[0], 5e-5);
        BellDiagonal a = new BellDiagonal(0.7, 0.1, 0.15, 0.05);
        BellDiagonal b = new BellDiagonal(0.85, 0, 0.05, 0.1);
        assertSame(estimate(DistillationProtocol.DEJMPS, a, b),
                exact(DistillationProtocol.DEJMPS, none, a, 3, b, 2), "unequal pairs in Ψ− and Ψ+ frames");
    }
}
