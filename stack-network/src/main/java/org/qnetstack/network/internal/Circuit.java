package org.qnetstack.network.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.LinkPair;

/**
 * One end-to-end pair in the making, as one end of the path sees it: its own link pair and the swaps the
 * repeaters report. Once the swaps join its link pair to the far end's, the pair's Bell index is the XOR
 * of every link pair's index and every swap's outcome (docs/physics.md: b1 ⊕ b2 ⊕ bm, applied along the chain),
 * and both ends find the same chain, so they agree on the pair's id and state.
 */
final class Circuit {
    final CircuitMessages.Setup setup;
    @Nullable LinkPair local;
    /** Herald time of the oldest pair in the local pair (its distillation included). */
    long localBorn = Long.MAX_VALUE;
    /** Swaps by the link pair that was their half towards the head, and towards the tail. */
    private final Map<EntanglementId, CircuitMessages.Swapped> byLeft = new HashMap<>();
    private final Map<EntanglementId, CircuitMessages.Swapped> byRight = new HashMap<>();

    Circuit(CircuitMessages.Setup setup) {
        this.setup = setup;
    }

    /** The smallest {@code born} of the swaps recorded (kept as they come: asked on every swap heard of). */
    private long oldestSwap = Long.MAX_VALUE;

    void record(CircuitMessages.Swapped s) {
        byLeft.put(s.left(), s);
        byRight.put(s.right(), s);
        oldestSwap = Math.min(oldestSwap, s.born());
    }

    /**
     * How far the walk along the swaps has come for {@link #walkFor}: resumed on the next call, so an end that
     * hears from every repeater of a long chain walks the chain once, not once per swap it hears of.
     */
    private @Nullable LinkPair walkFor;
    private int walkHops;
    private @Nullable EntanglementId walkAt;
    private int walkBell;
    private double walkW;
    private double walkProduct;
    private double walkAligned;

    /** The joined pair, once every repeater on the path has swapped; null before. */
    @Nullable Joined joined() {
        if (local == null) {
            return null;
        }
        int repeaters = setup.path().size() - 2;
        // From the head the chain runs through each swap's left half to its right one; from the tail, back.
        boolean atHead = setup.path().get(0).equals(local.entanglementId().creator())
                && !local.remoteNode().equals(setup.path().get(0));
        if (walkFor != local) {
            walkFor = local;
            walkHops = 0;
            walkAt = local.entanglementId();
            walkBell = local.bellIndex();
            walkW = werner(local.goodness());
            walkProduct = local.goodness();
            walkAligned = local.goodness();
        }
        for (; walkHops < repeaters; walkHops++) {
            CircuitMessages.Swapped s = (atHead ? byLeft : byRight).get(walkAt);
            if (s == null) {
                return null;
            }
            walkAt = atHead ? s.right() : s.left();
            walkBell ^= s.bsm() ^ (atHead ? s.rightBell() : s.leftBell());
            double f = atHead ? s.rightFidelity() : s.leftFidelity();
            walkW *= werner(f);
            walkProduct *= f;
            walkAligned = walkAligned * f + (1 - walkAligned) * (1 - f);
        }
        // The pair is named after the head's link pair: the head's own, or where the tail's walk ended.
        return new Joined(atHead ? local.entanglementId() : walkAt, walkBell, (3 * walkW + 1) / 4, walkProduct,
                walkAligned, oldestBorn());
    }

    /** w = (4F − 1)/3: swapping Werner pairs multiplies their weights (docs/physics.md). */
    private static double werner(double fidelity) {
        return (4 * fidelity - 1) / 3;
    }

    /**
     * Herald time of the oldest pair this end knows to be part of its end-to-end pair: its own and every
     * swapped one reported so far (all of them once joined), or Long.MAX_VALUE.
     */
    long oldestBorn() {
        return Math.min(localBorn, oldestSwap);
    }

    /**
     * The end-to-end pair: named after the head's link pair (both ends know it), its Bell index, the
     * fidelity expected of Werner pairs of the links' goodness swapped perfectly, and the herald time of its
     * oldest constituent. For Bell-diagonal pairs that are not Werner (distilled ones) the swap gives
     * Σ_d p_d q_d, between Π F_i ({@code product}) and the value with every error aligned, F1F2 + (1 − F1)(1 − F2)
     * applied along the chain ({@code aligned}).
     */
    record Joined(EntanglementId id, int bellIndex, double fidelity, double product, double aligned, long born) {
    }

    List<String> path() {
        return setup.path();
    }
}
