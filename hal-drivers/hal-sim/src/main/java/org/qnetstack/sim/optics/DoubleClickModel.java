package org.qnetstack.sim.optics;

import static org.qnetstack.sim.optics.SingleClickModel.BOTH;
import static org.qnetstack.sim.optics.SingleClickModel.D0;
import static org.qnetstack.sim.optics.SingleClickModel.D1;
import static org.qnetstack.sim.optics.SingleClickModel.NONE;

import org.qnetstack.sim.optics.SingleClickModel.Outcomes;

/**
 * The double-click (Barrett–Kok) scheme: both spins start in (|0⟩+|1⟩)/√2 (α = 1/2), each emits from |1⟩,
 * the photons meet at the station (round 1); both spins get a π pulse (X); they emit again (round 2).
 * Exactly one click in each round heralds a pair: Ψ+ if the same detector clicked both times, Ψ− if
 * different ones (Barrett &amp; Kok 2005; Bernien et al. 2013). No π pulse follows round 2; it would only
 * exchange the weights of |00⟩ and |11⟩, which no Bell fidelity of the heralds depends on.
 *
 * <p>Each round is the station of {@link SingleClickModel} (loss, V, bunching, number resolution, dark
 * counts): a branch with one bright spin in both rounds is the only one that gives two genuine single
 * clicks, so without dark counts p = 2·¼·η_A·η_B, exactly η²/2 for equal η whatever V, and
 * F = (1 + V)/2: each round multiplies the |01⟩/|10⟩ coherence by √V.
 *
 * <p>Dark counts let |00⟩ and |11⟩ herald (a dark count in the round where they emit nothing). With equal
 * η and threshold detectors, per round and detector: a₀ = d(1−d) for no photon, a₁ = (1−d)((1−η)d + η/2)
 * for one, a₂ = (1−d)((1−η)²d + η(1−η) + η²(1+V)/4) for two, and the |01⟩/|10⟩ factor
 * c = (1−d)·(η/2)·√V·(1−p_de) per round. Then P(same detector) = a₀a₂ + a₁² and its fidelity to Ψ+ is
 * F = (a₁² + c²) / (2(a₀a₂ + a₁²)).
 *
 * <p>Interferometric phase noise does not enter: the phase φ between the arms is taken constant over the
 * two rounds (they are microseconds apart, the drift is slower), and the π pulse between them makes the
 * heralded state pick up e^(iφ) in round 1 and e^(−iφ) in round 2. Double excitation enters per round as in
 * {@link SingleClickModel}, on the first photons of four emissions: × (1−p_A)(1−p_B) in all.
 *
 * <p>Patterns in the returned {@link Outcomes}: {@code D0} one click per round on the same detector (Ψ+),
 * {@code D1} one click per round on different detectors (Ψ−), {@code BOTH} a round with both detectors
 * (or two photons on a number-resolving one), {@code NONE} the remaining failures (a round without a
 * click). Both rounds are always run, and the failure states are those after round 2.
 */
public final class DoubleClickModel {
    private DoubleClickModel() {
    }

    /** The outcome distribution of one two-round attempt. */
    public static Outcomes attempt(LinkOptics optics) {
        double[][] round = Heralding.stationRound(optics, optics.doubleExcitationCoherence());
        double[] start = Heralding.productState(0.5, 0.5);
        double[][] states = new double[4][16];
        for (int first = 0; first < 4; first++) {
            double[] flipped = Heralding.flipBoth(Heralding.apply(round[first], start));
            for (int second = 0; second < 4; second++) {
                Heralding.add(states[classify(first, second)], 1, Heralding.apply(round[second], flipped));
            }
        }
        return new Outcomes(states);
    }

    private static int classify(int first, int second) {
        boolean single1 = first == D0 || first == D1;
        boolean single2 = second == D0 || second == D1;
        if (single1 && single2) {
            return first == second ? D0 : D1;
        }
        return first == BOTH || second == BOTH ? BOTH : NONE;
    }
}
