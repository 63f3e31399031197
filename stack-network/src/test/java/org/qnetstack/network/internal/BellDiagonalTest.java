package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.DistillationProtocol;

/** The distillation formulas against docs/physics.md's worked values, and the frame bookkeeping's closed cases. */
class BellDiagonalTest {
    @Test
    void bbpsswOnWernerPointEight() {
        BellDiagonal.Round r = BellDiagonal.round(DistillationProtocol.BBPSSW, BellDiagonal.werner(0.8),
                BellDiagonal.werner(0.8));
        assertEquals(0.7689, r.successProbability(), 5e-5);
        assertEquals(0.8382, r.kept().fidelity(), 5e-5);
    }

    @Test
    void dejmpsOnTheWorkedBellDiagonalState() {
        // (A, B, C, D) = (Φ+, Ψ−, Ψ+, Φ−) = (0.8, 0.1, 0.05, 0.05); weights here are by Bell index (Φ+, Φ−, Ψ+, Ψ−).
        BellDiagonal in = new BellDiagonal(0.8, 0.05, 0.05, 0.1);
        BellDiagonal.Round r = BellDiagonal.round(DistillationProtocol.DEJMPS, in, in);
        assertEquals(0.82, r.successProbability(), 1e-12);
        assertEquals(0.7927, r.kept().fidelity(), 5e-5);
        assertEquals(2 * 0.8 * 0.1 / 0.82, r.kept().p1(), 1e-12, "D' = 2AB/N on Φ−");
        assertEquals((0.05 * 0.05 * 2) / 0.82, r.kept().p2(), 1e-12, "C' = (C²+D²)/N on Ψ+");
        assertEquals(2 * 0.05 * 0.05 / 0.82, r.kept().p3(), 1e-12, "B' = 2CD/N on Ψ−");
    }

    @Test
    void firstDejmpsRoundOnWernerEqualsBbpssw() {
        for (double f : new double[] {0.6, 0.8, 0.95}) {
            BellDiagonal w = BellDiagonal.werner(f);
            assertEquals(BellDiagonal.round(DistillationProtocol.BBPSSW, w, w).kept().fidelity(),
                    BellDiagonal.round(DistillationProtocol.DEJMPS, w, w).kept().fidelity(), 1e-12);
        }
    }

    @Test
    void framesOfPhiPlusPairsAreTrivial() {
        DistillationRound.Twirls none = DistillationRound.Twirls.NONE;
        for (DistillationProtocol p : DistillationProtocol.values()) {
            DistillationRound.Frames f = DistillationRound.frames(p, none, 0, 0);
            assertEquals(0, f.flip());
            assertEquals(0, f.keptBell());
        }
        // Without rotations the bilateral CNOT maps Ψ+ ⊗ Ψ+ to Ψ+ ⊗ Φ+ (x2 ⊕= x1): outcomes agree, Ψ+ kept.
        DistillationRound.Frames f = DistillationRound.frames(DistillationProtocol.BBPSSW, none, 2, 2);
        assertEquals(0, f.flip());
        assertEquals(2, f.keptBell());
        // Φ− ⊗ Φ+ → Φ− ⊗ Φ+ but Φ+ ⊗ Φ− → Φ− ⊗ Φ− (z1 ⊕= z2).
        assertEquals(1, DistillationRound.frames(DistillationProtocol.BBPSSW, none, 0, 1).keptBell());
    }

    @Test
    void linkFidelityForADistilledTargetInvertsTheFormula() {
        Distillation once = new Distillation(DistillationProtocol.BBPSSW, 1);
        double link = LinkEstimates.linkFidelityFor(0.8382, 1, once);
        assertEquals(0.8, link, 1e-3);
        assertEquals(LinkEstimates.perLinkFidelity(0.9, 2), LinkEstimates.linkFidelityFor(0.9, 2, null));
    }
}
