package org.qnetstack.api;

import java.util.Locale;

/**
 * Why the network refused a request before making any pair ({@link EprException#refusal()}, code
 * {@link EprErrorCode#REFUSED}): where the shortfall is, which figure falls short, what was asked, what the
 * network can give now, and what that place would need.
 *
 * @param figure     the figure that falls short
 * @param scope      whether {@code where} names a link, a node or a path
 * @param where      the link's name, the node's name, or the path's nodes joined by {@code -}
 * @param asked      what the request asked: end-to-end fidelity (FIDELITY), end-to-end pairs per second (RATE),
 *                   qubits at the node (MEMORY)
 * @param achievable the best the network offers now, in the same unit: the best path's expected end-to-end
 *                   fidelity (memory decay included), its pairs per second, the node's free qubits
 * @param needed     what {@code where} would need: FIDELITY, the fidelity this link's pairs would need when
 *                   swapped (after distillation and their wait in memory; above 1 when this link alone cannot close
 *                   the gap); RATE, the raw pairs per second the link would need free; MEMORY, the qubits the node
 *                   would need free
 * @param advice     what to change, in words
 */
public record RefusalReason(Figure figure, Scope scope, String where, double asked, double achievable,
                            double needed, String advice) {
    /** The figures admission checks. */
    public enum Figure {
        /** End-to-end fidelity at delivery, memory decay included. */
        FIDELITY,
        /** End-to-end pairs per second on the capacity not already reserved. */
        RATE,
        /** Qubits free to hold the request's pairs. */
        MEMORY,
        /**
         * End-to-end fidelity as the socket's test pairs measured it ({@link PairQuality#verified}): asked is the
         * minimum, achievable the measured interval's upper end, needed the minimum again.
         */
        MEASURED_FIDELITY
    }

    /** What {@link #where} names. */
    public enum Scope {
        LINK, NODE, PATH
    }

    public RefusalReason {
        if (figure == null || scope == null || where == null || advice == null) {
            throw new ApiMisuseException("refusal", "figure, scope, where and advice are required");
        }
    }

    /** One line: the figure, where, asked, achievable, needed, and the advice. */
    public String describe() {
        return String.format(Locale.ROOT, "%s at %s %s: asked %.4g, achievable %.4g, needed %.4g; %s",
                figure.name().toLowerCase(Locale.ROOT), scope.name().toLowerCase(Locale.ROOT), where, asked,
                achievable, needed, advice);
    }
}
