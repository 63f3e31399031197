package org.qnetstack.apps.qkd;

import org.qnetstack.apps.qkd.internal.Entropy;

/**
 * The length privacy amplification may extract, term by term:
 * <pre>
 * l = ⌊ n·(1 − h(Q_upper)) − leak_EC − t − 2·log2(1/ε_PA) ⌋
 * </pre>
 * <ul>
 * <li>n·(1 − h(Q_upper)): what Eve does not know about the n reconciled bits. By the entropic uncertainty
 * relation, her information is bounded by n·h of the phase-error rate, which BBM92 with symmetric bases
 * and a uniformly chosen sample bounds by the finite-size QBER bound Q_upper.</li>
 * <li>leak_EC: every parity Cascade disclosed.</li>
 * <li>t: the verification tag, also sent in the clear.</li>
 * <li>2·log2(1/ε_PA): the price of the leftover hash lemma for an output ε_PA-close to uniform.</li>
 * </ul>
 * This is the key length of M. Tomamichel, C. C. W. Lim, N. Gisin and R. Renner (Nat. Commun. 3, 634,
 * 2012), ℓ = n(1 − h(Q + μ)) − leak_EC − log2(2/(ε_sec²·ε_cor)), with the terms for ε_sec and ε_cor split
 * into the hash tag (t ≥ log2(1/ε_cor)) and 2·log2(1/ε_PA).
 *
 * @param reconciledBits n
 * @param qberUpper      Q_upper
 * @param eveBound       n·h(Q_upper)
 * @param leakEc         leak_EC
 * @param tagBits        t
 * @param paPenalty      2·log2(1/ε_PA)
 * @param length         l, negative or zero when no key can be extracted
 */
public record SecureLength(int reconciledBits, double qberUpper, double eveBound, long leakEc, int tagBits,
                           double paPenalty, long length) {

    public static SecureLength of(int reconciledBits, double qberUpper, long leakEc, int tagBits, double epsilonPa) {
        if (reconciledBits < 0 || leakEc < 0 || tagBits < 0) {
            throw new IllegalArgumentException("negative term: n " + reconciledBits + ", leak " + leakEc
                    + ", tag " + tagBits);
        }
        if (!(qberUpper >= 0 && qberUpper <= 1)) {
            throw new IllegalArgumentException("QBER bound outside [0, 1]: " + qberUpper);
        }
        if (!(epsilonPa > 0 && epsilonPa < 1)) {
            throw new IllegalArgumentException("ε_PA must be in (0, 1): " + epsilonPa);
        }
        // Above 1/2 the bound carries no information: Eve may know everything.
        double eve = reconciledBits * (qberUpper >= 0.5 ? 1 : Entropy.binary(qberUpper));
        double penalty = 2 * Entropy.log2(1 / epsilonPa);
        long length = (long) Math.floor(reconciledBits - eve - leakEc - tagBits - penalty);
        return new SecureLength(reconciledBits, qberUpper, eve, leakEc, tagBits, penalty, length);
    }

    /** Whether any key can be extracted (l ≥ 1). */
    public boolean positive() {
        return length > 0;
    }
}
