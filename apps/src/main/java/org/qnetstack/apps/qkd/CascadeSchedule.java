package org.qnetstack.apps.qkd;

import java.util.ArrayList;
import java.util.List;
import org.qnetstack.apps.qkd.internal.SplitMix64;

/**
 * The public parameters both parties run Cascade with: the key length, the block size of each pass and the
 * seed of the permutations that decorrelate the passes. Alice needs it to answer queries, Bob to ask them;
 * nothing in it is secret.
 *
 * <p>The standard schedule (G. Brassard and L. Salvail, EUROCRYPT '93, LNCS 765, 410) starts with blocks
 * of k1 = ⌈0.73/Q⌉ bits, for which a block holds about 0.73 expected errors, so most odd blocks hold exactly
 * one error; it doubles the block size in each of 4 passes, after which errors are left in a small
 * fraction of runs (measured in the tests and README).
 *
 * @param length          key length n
 * @param blockSizes      top-level block size of each pass, at most n
 * @param permutationSeed seed of the passes' shuffles (pass 0 keeps the key's own order)
 */
public record CascadeSchedule(int length, List<Integer> blockSizes, long permutationSeed) {
    public static final int STANDARD_PASSES = 4;
    public static final double STANDARD_FIRST_BLOCK_FACTOR = 0.73;

    public CascadeSchedule {
        if (length < 1) {
            throw new IllegalArgumentException("nothing to reconcile: length " + length);
        }
        blockSizes = List.copyOf(blockSizes);
        if (blockSizes.isEmpty()) {
            throw new IllegalArgumentException("Cascade needs at least one pass");
        }
        for (int k : blockSizes) {
            if (k < 1 || k > length) {
                throw new IllegalArgumentException("block size " + k + " outside [1, " + length + "]");
            }
        }
    }

    /** Brassard–Salvail: k1 = ⌈0.73/Q⌉, doubling, 4 passes, for an expected QBER Q. */
    public static CascadeSchedule standard(int length, double qber, long permutationSeed) {
        return of(length, qber, STANDARD_PASSES, STANDARD_FIRST_BLOCK_FACTOR, permutationSeed);
    }

    /**
     * k1 = ⌈factor/Q⌉ (the whole key when Q = 0: there is nothing to find but one check is still made),
     * each later pass twice the previous, all capped at the key length.
     */
    public static CascadeSchedule of(int length, double qber, int passes, double firstBlockFactor,
                                     long permutationSeed) {
        if (!(qber >= 0 && qber < 0.5)) {
            throw new IllegalArgumentException("Cascade needs an expected QBER in [0, 0.5): " + qber);
        }
        if (passes < 1 || !(firstBlockFactor > 0)) {
            throw new IllegalArgumentException("passes " + passes + ", first block factor " + firstBlockFactor);
        }
        long k = qber == 0 ? length : (long) Math.ceil(firstBlockFactor / qber);
        List<Integer> sizes = new ArrayList<>(passes);
        for (int p = 0; p < passes; p++) {
            sizes.add((int) Math.max(1, Math.min(k, length)));
            k *= 2;
        }
        return new CascadeSchedule(length, sizes, permutationSeed);
    }

    public int passes() {
        return blockSizes.size();
    }

    public int blockSize(int pass) {
        return blockSizes.get(pass);
    }

    /** Number of top-level blocks in a pass (the last may be shorter). */
    public int blocks(int pass) {
        int k = blockSize(pass);
        return (length + k - 1) / k;
    }

    /** The top-level block j of a pass as a query. */
    public ParityQuery block(int pass, int j) {
        int k = blockSize(pass);
        return new ParityQuery(pass, j * k, Math.min(j * k + k, length));
    }

    /**
     * The order of pass {@code pass}: position i of the pass holds key bit {@code permutation[i]}. Pass 0
     * is the identity; pass p ≥ 1 is a Fisher–Yates shuffle driven by SplitMix64 seeded with the p-th output
     * of SplitMix64(permutationSeed), so any implementation can reproduce it. A fresh array each call.
     */
    public int[] permutation(int pass) {
        if (pass < 0 || pass >= passes()) {
            throw new IndexOutOfBoundsException("pass " + pass + " of " + passes());
        }
        if (pass == 0) {
            int[] identity = new int[length];
            for (int i = 0; i < length; i++) {
                identity[i] = i;
            }
            return identity;
        }
        SplitMix64 seeds = new SplitMix64(permutationSeed);
        long seed = 0;
        for (int p = 0; p < pass; p++) {
            seed = seeds.nextLong();
        }
        return new SplitMix64(seed).permutation(length);
    }

    /** Checks that a query names a block inside this schedule: a malformed one is a protocol error. */
    void check(ParityQuery query) {
        if (query.pass() >= passes() || query.to() > length) {
            throw new IllegalArgumentException(query + " is outside the schedule (" + passes() + " passes, "
                    + length + " bits)");
        }
    }
}
