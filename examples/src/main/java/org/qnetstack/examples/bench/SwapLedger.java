package org.qnetstack.examples.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qnetstack.hal.GroundTruth;
import org.qnetstack.hal.QubitAddress;
import org.qnetstack.hal.StateWatcher;

/**
 * Predicts the fidelity of an end-to-end pair made by entanglement swapping, from what docs/physics.md says and the
 * storage time of every qubit that went into it.
 *
 * <p>It watches the simulator ({@link GroundTruth#watch}): each raw pair is recorded with its Bell weights
 * when made (read from the ground truth, and checked to be Bell-diagonal) and its time; a two-qubit gate
 * between halves of two different segments (the CNOT of a Bell-state measurement) ends both qubits' storage
 * and joins the segments. The halves still open at the ends are stored until the pair is read.
 *
 * <p>The prediction. Memory decay acts on each qubit alone, so it commutes with the measurements on other
 * qubits: apply it first, each qubit for its whole storage time. Amplitude damping γ = 1 − e^(−t/T1) and
 * coherence decay c = e^(−t/T2) per qubit turn Bell state β into (with c = c_a·c_b):
 * <ul>
 * <li>Φ±: weight ¼(1 + γ_aγ_b + (1−γ_a)(1−γ_b)) ± ½c on Φ± and Φ∓ (sign relative to β), ¼(γ_a(1−γ_b) +
 *     (1−γ_a)γ_b) on each Ψ (docs/physics.md's "Φ+ with both qubits stored" for equal times);
 * <li>Ψ±: weight ¼(2 − γ_a − γ_b) ± ½c on Ψ± and Ψ∓, ¼(γ_a + γ_b) on each Φ.
 * </ul>
 * A swap with the Pauli frame tracked (outcomes folded into the index, as the stack does), averaged over the
 * Bell-state measurement's outcomes, is teleportation of one half through the other pair: a Pauli channel
 * whose weights are that pair's Bell weights (Bowen and Bose 2001). The end-to-end Bell weights relative to
 * the tracked index are therefore the XOR-convolution of the raw pairs' decayed weights, each relative to
 * its own label (its largest weight), and the predicted fidelity is the weight of "no error". For Werner
 * pairs and a depolarising memory this is docs/physics.md's w = Π w_i · e^(−Σ t/τ); with T1 = T2 the twirl of the
 * memory is exactly depolarising and the amplitude damping adds only O(γ²) terms, kept here exactly.
 *
 * <p>Not modelled: decay during the few gate durations between the CNOT and the measurements (µs against
 * seconds of T1, T2: below 10⁻⁵ of fidelity), gate and measurement noise (the {@code generic} device has none),
 * and anything but heralds and swaps touching the qubits (a segment a gate acts on in any other way is marked
 * untracked and predicts NaN).
 */
final class SwapLedger implements StateWatcher {
    private final GroundTruth truth;
    private final double t1Nanos;
    private final double t2Nanos;
    private final Map<QubitAddress, Half> open = new HashMap<>();

    /** A raw pair: Bell weights when made, when made, and when each half's storage ended (−1 while stored). */
    private static final class RawPair {
        final double[] weights;
        final long made;
        long endA = -1;
        long endB = -1;

        RawPair(double[] weights, long made) {
            this.weights = weights;
            this.made = made;
        }
    }

    /** Raw pairs joined by swaps, with the (at most two) qubits still holding it. */
    private record Segment(List<RawPair> pairs, List<QubitAddress> ends, boolean tracked) {
    }

    private record Half(Segment segment, RawPair pair, boolean sideA) {
        void end(long nanos) {
            if (sideA) {
                pair.endA = nanos;
            } else {
                pair.endB = nanos;
            }
        }
    }

    /** Memories with the given T1 and T2 (ns; the same at every node, as in the chain scenario). */
    SwapLedger(GroundTruth truth, double t1Nanos, double t2Nanos) {
        this.truth = truth;
        this.t1Nanos = t1Nanos;
        this.t2Nanos = t2Nanos;
        truth.watch(this);
    }

    @Override
    public void paired(QubitAddress a, QubitAddress b, long nanos) {
        double[] rho = truth.densityMatrix(a, b);
        double[] w = bellWeights(rho);
        checkBellDiagonal(rho, w);
        RawPair pair = new RawPair(w, nanos);
        Segment s = new Segment(List.of(pair), List.of(a, b), true);
        open.put(a, new Half(s, pair, true));
        open.put(b, new Half(s, pair, false));
    }

    @Override
    public void twoQubitGate(QubitAddress control, QubitAddress target, long nanos) {
        Half c = open.remove(control);
        Half t = open.remove(target);
        if (c == null || t == null || c.segment == t.segment) {
            // Not a swap of two segments: what is left of them can no longer be predicted here.
            for (Half h : new Half[] {c, t}) {
                if (h != null) {
                    untrack(h.segment);
                }
            }
            return;
        }
        c.end(nanos);
        t.end(nanos);
        List<RawPair> pairs = new ArrayList<>(c.segment.pairs);
        pairs.addAll(t.segment.pairs);
        List<QubitAddress> ends = new ArrayList<>();
        for (Segment s : new Segment[] {c.segment, t.segment}) {
            for (QubitAddress q : s.ends) {
                if (!q.equals(control) && !q.equals(target)) {
                    ends.add(q);
                }
            }
        }
        Segment joined = new Segment(pairs, ends, c.segment.tracked && t.segment.tracked);
        for (QubitAddress q : ends) {
            Half h = open.get(q);
            open.put(q, new Half(joined, h.pair, h.sideA));
        }
    }

    private void untrack(Segment s) {
        Segment dead = new Segment(s.pairs, s.ends, false);
        for (QubitAddress q : s.ends) {
            Half h = open.get(q);
            if (h != null && h.segment == s) {
                open.put(q, new Half(dead, h.pair, h.sideA));
            }
        }
    }

    /**
     * The predicted fidelity, at {@code nowNanos}, of the pair held by {@code a} and {@code b} to the Bell state
     * its index tracks (NaN if the pair was touched by anything but heralds and swaps).
     *
     * @throws IllegalStateException if {@code a} and {@code b} do not hold the two ends of one segment
     */
    double predict(QubitAddress a, QubitAddress b, long nowNanos) {
        Half ha = open.get(a);
        Half hb = open.get(b);
        if (ha == null || hb == null || ha.segment != hb.segment) {
            throw new IllegalStateException(a + " and " + b + " do not hold the ends of one swapped pair");
        }
        if (!ha.segment.tracked) {
            return Double.NaN;
        }
        double[] total = {1, 0, 0, 0};
        for (RawPair p : ha.segment.pairs) {
            long ta = (p.endA < 0 ? nowNanos : p.endA) - p.made;
            long tb = (p.endB < 0 ? nowNanos : p.endB) - p.made;
            total = xorConvolve(total, relativeToLabel(decayed(p.weights, ta, tb)));
        }
        return total[0];
    }

    /** Bell weights of a Bell-diagonal pair after its qubits were stored for ta and tb ns (see the class note). */
    double[] decayed(double[] weights, double ta, double tb) {
        double ga = Double.isInfinite(t1Nanos) ? 0 : -Math.expm1(-ta / t1Nanos);
        double gb = Double.isInfinite(t1Nanos) ? 0 : -Math.expm1(-tb / t1Nanos);
        double c = Double.isInfinite(t2Nanos) ? 1 : Math.exp(-(ta + tb) / t2Nanos);
        double phiPop = 0.25 * (1 + ga * gb + (1 - ga) * (1 - gb));
        double phiLeak = 0.25 * (ga * (1 - gb) + (1 - ga) * gb);
        double psiPop = 0.25 * (2 - ga - gb);
        double psiLeak = 0.25 * (ga + gb);
        double[] out = new double[4];
        for (int k = 0; k < 4; k++) {
            boolean phi = k < 2;
            double pop = phi ? phiPop : psiPop;
            double leak = phi ? phiLeak : psiLeak;
            int other = phi ? 2 : 0; // the two Bell states of the other kind
            out[k] += weights[k] * (pop + 0.5 * c);
            out[k ^ 1] += weights[k] * (pop - 0.5 * c);
            out[other] += weights[k] * leak;
            out[other + 1] += weights[k] * leak;
        }
        return out;
    }

    private static double[] relativeToLabel(double[] w) {
        int label = 0;
        for (int k = 1; k < 4; k++) {
            if (w[k] > w[label]) {
                label = k;
            }
        }
        double[] r = new double[4];
        for (int k = 0; k < 4; k++) {
            r[k] = w[k ^ label];
        }
        return r;
    }

    static double[] xorConvolve(double[] p, double[] q) {
        double[] r = new double[4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                r[i ^ j] += p[i] * q[j];
            }
        }
        return r;
    }

    /** ⟨β_k|ρ|β_k⟩ for ρ as {@link GroundTruth#densityMatrix} gives it (2·16 doubles, interleaved re/im). */
    static double[] bellWeights(double[] rho) {
        double phiPop = (rho[2 * 0] + rho[2 * 15]) / 2;     // (⟨00|ρ|00⟩ + ⟨11|ρ|11⟩)/2
        double phiCoh = (rho[2 * 3] + rho[2 * 12]) / 2;     // Re(⟨00|ρ|11⟩ + ⟨11|ρ|00⟩)/2
        double psiPop = (rho[2 * 5] + rho[2 * 10]) / 2;     // (⟨01|ρ|01⟩ + ⟨10|ρ|10⟩)/2
        double psiCoh = (rho[2 * 6] + rho[2 * 9]) / 2;      // Re(⟨01|ρ|10⟩ + ⟨10|ρ|01⟩)/2
        return new double[] {phiPop + phiCoh, phiPop - phiCoh, psiPop + psiCoh, psiPop - psiCoh};
    }

    /** Throws unless ρ (2·16 doubles, interleaved re/im) is Σ w_k|β_k⟩⟨β_k|: the prediction assumes it. */
    private static void checkBellDiagonal(double[] rho, double[] w) {
        double[] expected = new double[32];
        double phiSum = (w[0] + w[1]) / 2;
        double phiDiff = (w[0] - w[1]) / 2;
        double psiSum = (w[2] + w[3]) / 2;
        double psiDiff = (w[2] - w[3]) / 2;
        expected[2 * 0] = phiSum;          // ⟨00|ρ|00⟩
        expected[2 * 15] = phiSum;         // ⟨11|ρ|11⟩
        expected[2 * 3] = phiDiff;         // ⟨00|ρ|11⟩
        expected[2 * 12] = phiDiff;        // ⟨11|ρ|00⟩
        expected[2 * 5] = psiSum;          // ⟨01|ρ|01⟩
        expected[2 * 10] = psiSum;         // ⟨10|ρ|10⟩
        expected[2 * 6] = psiDiff;         // ⟨01|ρ|10⟩
        expected[2 * 9] = psiDiff;         // ⟨10|ρ|01⟩
        for (int i = 0; i < 32; i++) {
            if (Math.abs(rho[i] - expected[i]) > 1e-9) {
                throw new IllegalStateException("a raw pair is not Bell-diagonal (element " + i / 2 + "): the swap "
                        + "prediction does not apply");
            }
        }
    }
}
