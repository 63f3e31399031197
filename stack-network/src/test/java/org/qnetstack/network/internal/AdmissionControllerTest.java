package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.network.AdmissionException;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.DistillationProtocol;
import org.qnetstack.network.NetworkModel;
import org.qnetstack.network.NoRouteException;
import org.qnetstack.network.Route;

/**
 * Routing and admission on a triangle A – M – B with a direct A – B link: the direct link is one hop but
 * long and lossy (2 pairs/s), the detour is two short, fast links (200 pairs/s each), all of fidelity 0.97.
 */
class AdmissionControllerTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    static NetworkModel triangle(double directFidelity, int qubitsAtM, double t2AtM) {
        return new NetworkModel(List.of(
                new NetworkModel.Link("A-B", "A", "B", 2, directFidelity, 250_000, 0),
                new NetworkModel.Link("A-M", "A", "M", 200, 0.97, 5_000, 0),
                new NetworkModel.Link("M-B", "M", "B", 200, 0.97, 5_000, 0)),
                List.of(new NetworkModel.Node("A", 8, INF, INF), new NetworkModel.Node("M", qubitsAtM, INF, t2AtM),
                        new NetworkModel.Node("B", 8, INF, INF)));
    }

    /** Two links of rate λ: E[max] = 1.5/λ; plus the set-up and report delays, 2 · 10 µs. */
    private static double detourRate(double lambda) {
        return 1e9 / (2 * 10_000 + 1.5e9 / lambda);
    }

    @Test
    void twoGoodHopsBeatOneLongLossyLink() {
        AdmissionController c = new AdmissionController(triangle(0.97, 6, INF));
        Route r = c.route("A", "B", 0.9, CircuitPolicy.NONE, 0);
        assertEquals(List.of("A", "M", "B"), r.path(), "not the hop-shortest path");
        double w = 0.96 * 0.96; // w = (4·0.97 − 1)/3 per link, multiplied by the swap
        assertEquals((3 * w + 1) / 4, r.fidelity(), 1e-12);
        assertEquals(detourRate(0.9 * 200), r.pairsPerSecond(), 1e-9);
        Route direct = c.evaluate(List.of("A", "B"), CircuitPolicy.NONE);
        assertEquals(0.97, direct.fidelity(), 1e-12);
        assertEquals(1e9 / (2 * 250_000 + 1e9 / 1.8), direct.pairsPerSecond(), 1e-9);
        // Only the direct link reaches 0.95: fidelity comes before rate.
        assertEquals(List.of("A", "B"), c.route("A", "B", 0.95, CircuitPolicy.NONE, 0).path());
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> c.route("A", "B", 0.98, CircuitPolicy.NONE, 0));
        assertEquals("minFidelity", e.field());
        assertTrue(e.getMessage().contains("0.9700"), e.getMessage());
    }

    @Test
    void aGoodLinkToAPoorMemoryLoses() {
        // M's memory dephases in 5 ms; the detour's first pair waits ≈ E[max] − 1/λ ≈ 2.8 ms for the second.
        AdmissionController c = new AdmissionController(triangle(0.97, 6, 5e6));
        Route detour = c.evaluate(List.of("A", "M", "B"), CircuitPolicy.NONE);
        double lambda = 180e-9;
        double wait = 1.5 / lambda - 1 / lambda + 10_000;
        double f = LinkEstimates.dephased(0.97, Math.exp(-wait / 5e6));
        double w = LinkEstimates.werner(f);
        assertEquals(LinkEstimates.fidelity(w * w), detour.fidelity(), 1e-12);
        assertTrue(detour.fidelity() < 0.9, "F = " + detour.fidelity());
        assertEquals(List.of("A", "B"), c.route("A", "B", 0.9, CircuitPolicy.NONE, 0).path());
    }

    @Test
    void admissionReservesRateAndQubitsAndRefusesWhatDoesNotFit() {
        AdmissionController c = new AdmissionController(triangle(0.97, 8, INF));
        AdmissionController.Reservation first = c.admit("A", "B", 0.9, CircuitPolicy.NONE, 50);
        assertEquals(List.of("A", "M", "B"), first.route().path());
        assertEquals(50, c.reservedPairsPerSecond("A-M"), 1e-12);
        assertEquals(50, c.reservedPairsPerSecond("M-B"), 1e-12);
        assertEquals(0, c.reservedPairsPerSecond("A-B"), 1e-12);
        assertEquals(1, c.reservedQubits("A"));
        assertEquals(2, c.reservedQubits("M"));
        AdmissionController.Reservation second = c.admit("A", "B", 0.9, CircuitPolicy.NONE, 50);
        // What is left for the second: 180 − 50 pairs/s per link.
        assertEquals(detourRate(130), second.route().pairsPerSecond(), 1e-9);
        AdmissionController.Reservation third = c.admit("A", "B", 0.9, CircuitPolicy.NONE, 50);
        assertEquals(detourRate(80), third.route().pairsPerSecond(), 1e-9);
        // 30 pairs/s left per link serve 20/s end to end; the direct link 1.8/s.
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> c.admit("A", "B", 0.9, CircuitPolicy.NONE, 50));
        assertEquals("pairsPerSecond", e.field());
        assertTrue(e.getMessage().contains("[A, M, B]"), e.getMessage());
        assertEquals(3, c.reservations());
        // Tear-down gives everything back, and the same request is admitted again the same way.
        for (AdmissionController.Reservation r : List.of(first, second, third)) {
            c.release(r);
        }
        c.release(first); // twice: nothing more
        assertEquals(0, c.reservations());
        assertEquals(0, c.reservedPairsPerSecond("A-M"), 1e-12);
        assertEquals(0, c.reservedQubits("M"));
        assertEquals(first.route(), c.admit("A", "B", 0.9, CircuitPolicy.NONE, 50).route());
    }

    @Test
    void distillationReservesTheRawPairsItConsumesAndTheQubitsOfItsRounds() {
        AdmissionController c = new AdmissionController(triangle(0.97, 6, INF));
        CircuitPolicy dejmps = new CircuitPolicy(new Distillation(DistillationProtocol.DEJMPS, 1), 0);
        c.admit("A", "B", 0.9, dejmps, 10);
        // docs/physics.md on Werner F = 0.97: x = 0.01, N = F² + 2Fx + 5x².
        double n = 0.97 * 0.97 + 2 * 0.97 * 0.01 + 5 * 0.01 * 0.01;
        assertEquals(10 * 2 / n, c.reservedPairsPerSecond("A-M"), 1e-9);
        assertEquals(4, c.reservedQubits("M"));
        assertEquals(2, c.reservedQubits("B"));
    }

    @Test
    void aRepeaterWithoutFreeQubitsRefusesWithThatReason() {
        AdmissionController c = new AdmissionController(triangle(0.8, 2, INF));
        c.admit("A", "B", 0.9, CircuitPolicy.NONE, 10);
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> c.admit("A", "B", 0.9, CircuitPolicy.NONE, 10));
        assertEquals("qubits", e.field());
        assertTrue(e.getMessage().contains("M needs 2 but has 0 of 2 free"), e.getMessage());
    }

    @Test
    void unknownNodesHaveNoRoute() {
        AdmissionController c = new AdmissionController(triangle(0.97, 6, INF));
        assertThrows(NoRouteException.class, () -> c.route("A", "Z", 0.5, CircuitPolicy.NONE, 0));
        assertThrows(NoRouteException.class, () -> c.route("A", "A", 0.5, CircuitPolicy.NONE, 0));
    }

    @Test
    void expectedMaximumOfExponentials() {
        assertEquals(1.5, PathEstimates.expectedMax(new double[] {1, 1}), 1e-12);
        assertEquals(1 + 0.5 + 1.0 / 3, PathEstimates.expectedMax(new double[] {1, 1, 1}), 1e-12);
        assertEquals(1 / 2.0 + 1 / 3.0 - 1 / 5.0, PathEstimates.expectedMax(new double[] {2, 3}), 1e-12);
        assertEquals(INF, PathEstimates.expectedMax(new double[] {2, 0}));
    }

    @Test
    void boundsOfAPairAroundItsEstimate() {
        // No decay: the interval is the estimate. Dephasing only: exactly the Werner pair with a Z flip.
        assertEquals(new FidelityBounds(0.9, 0.9), FidelityBounds.of(0.9, 0.9, 0.9, 4, false, 1, 1e6, INF, INF));
        double c = Math.exp(-4 * 1e6 / 1e7);
        FidelityBounds b = FidelityBounds.of(0.9, 0.9, 0.9, 4, false, 1, 1e6, INF, 1e7);
        assertEquals(0.9 * (1 + c) / 2 + (1 - c) / 2 * 0.1 / 3, b.lower(), 1e-12);
        assertEquals(0.9, b.upper(), 1e-12);
        assertTrue(FidelityBounds.of(0.9, 0.9, 0.9, 4, false, 1, 1e6, 1e9, 1e7).lower() < b.lower(), "T1 widens it");
        // Distilled (Bell-diagonal) pairs: between P0·N·Π F_i and the aligned-errors value.
        FidelityBounds d = FidelityBounds.of(0.9, 0.89, 0.91, 8, true, 0.8, 0, INF, INF);
        assertEquals(0.8 * 0.89, d.lower(), 1e-12);
        assertEquals(0.91, d.upper(), 1e-12);
    }

    @Test
    void aPlanTakesTheFirstDistillationThatMeetsTheFidelity() {
        AdmissionController c = new AdmissionController(triangle(0.97, 8, INF));
        List<Distillation> candidates = new java.util.ArrayList<>();
        candidates.add(null);
        for (int k = 1; k <= Distillation.MAX_ROUNDS; k++) {
            candidates.add(new Distillation(DistillationProtocol.DEJMPS, k));
        }
        assertEquals(CircuitPolicy.NONE, c.plan("A", "B", 0.95, 0, candidates, false, 0), "0.97 direct: none");
        CircuitPolicy p = c.plan("A", "B", 0.98, 0, candidates, false, 0);
        assertTrue(p.rounds() >= 1, "0.98 needs distillation");
        Distillation fewer = p.rounds() == 1 ? null : new Distillation(DistillationProtocol.DEJMPS, p.rounds() - 1);
        assertThrows(AdmissionException.class, () -> c.route("A", "B", 0.98, new CircuitPolicy(fewer, 0), 0));
        assertEquals(0, c.reservations(), "a plan reserves nothing");
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> c.plan("A", "B", 0.98, 0, java.util.Collections.singletonList(null), false, 0));
        assertEquals(org.qnetstack.network.Refusal.Figure.FIDELITY, e.refusal().figure());
        assertEquals("A-B", e.refusal().where());
        assertEquals(0.97, e.refusal().achievable(), 1e-12);
    }

    @Test
    void theAutomaticCutoffIsTheAgeAtWhichThePathsPairsSwapToTheMinimum() {
        // M dephases with T2 = 5 ms, A and B not at all: each link's pairs lose coherence e^(−a/T2) at age a.
        AdmissionController c = new AdmissionController(triangle(0.97, 8, 5e6));
        long cutoff = c.autoCutoffNanos(List.of("A", "M", "B"), null, 0.9);
        // Two equal links: each must keep w' = √w(0.9), i.e. F' = (3√(13/15) + 1)/4; a Z flip of probability p
        // takes F to F − p(4F − 1)/3, and p = (1 − e^(−a/T2))/2.
        double fPrime = (3 * Math.sqrt(13.0 / 15) + 1) / 4;
        double p = (0.97 - fPrime) / ((4 * 0.97 - 1) / 3);
        double age = -5e6 * Math.log(1 - 2 * p);
        assertEquals(age, cutoff, 2, "ns");
        assertEquals(0, new AdmissionController(triangle(0.97, 8, INF)).autoCutoffNanos(List.of("A", "M", "B"), null,
                0.9), "memories that keep their state need no cutoff");
        assertEquals(0, c.autoCutoffNanos(List.of("A", "M", "B"), null, 0), "no fidelity asked, no cutoff");
    }

    @Test
    void aLinkRunSlowerForMoreFidelityIsChosenOnlyWhenTheRequestNeedsIt() {
        // One link, three ways to run it (as at lower bright-state populations): 100 pairs/s of 0.8, 50 of 0.9,
        // 20 of 0.95; memories that keep their state.
        NetworkModel model = new NetworkModel(List.of(new NetworkModel.Link("A-B", "A", "B", 100, 0.8, 5_000, 0,
                List.of(new NetworkModel.OperatingPoint(50, 0.9), new NetworkModel.OperatingPoint(20, 0.95)))),
                List.of(new NetworkModel.Node("A", 8, INF, INF), new NetworkModel.Node("B", 8, INF, INF)));
        AdmissionController c = new AdmissionController(model);
        assertEquals(List.of(0.8), c.admit("A", "B", 0.75, CircuitPolicy.NONE, 0).hopFidelities(), "the fastest");
        AdmissionController.Reservation r = c.admit("A", "B", 0.85, CircuitPolicy.NONE, 10);
        assertEquals(List.of(0.9), r.hopFidelities(), "the fastest that reaches 0.85");
        assertEquals(0.9, r.route().fidelity(), 1e-12);
        assertEquals(1e9 / (2 * 5_000 + 1e9 / (0.9 * 50)), r.route().pairsPerSecond(), 1e-9);
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> c.route("A", "B", 0.99, CircuitPolicy.NONE, 0));
        assertEquals(0.95, e.refusal().achievable(), 1e-12, "the best any way of running it gives");
        assertThrows(org.qnetstack.hal.ConfigurationException.class, () -> new NetworkModel.Link("A-B", "A", "B",
                100, 0.8, 5_000, 0, List.of(new NetworkModel.OperatingPoint(150, 0.9))), "a slower point is slower");
    }
}
