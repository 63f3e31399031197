package org.qnetstack.apps.bb84;

import org.qnetstack.apps.qkd.internal.Entropy;

/**
 * Decoy-state BB84 with a weak coherent source, vacuum + weak decoy (H.-K. Lo, X. Ma and K. Chen, PRL 94,
 * 230504, 2005; X. Ma, B. Qi, Y. Zhao and H.-K. Lo, PRA 72, 012326, 2005, Eqs. (34)–(37)). A phase-randomised
 * pulse of mean photon number λ holds n photons with probability e^{−λ}λⁿ/n!; only the single-photon pulses
 * are secure, and comparing the gain Q and error rate E of the signal intensity μ with those of a weak decoy
 * ν &lt; μ and of vacuum (gain Y₀) bounds their yield and error rate:
 * <pre>
 * Y₁ ≥ Y₁ᴸ = μ/(μν − ν²) · (Q_ν e^ν − Q_μ e^μ ν²/μ² − (μ² − ν²)/μ² · Y₀)
 * e₁ ≤ e₁ᵁ = (E_ν Q_ν e^ν − Y₀/2) / (Y₁ᴸ ν)
 * R ≥ ½ · (Q₁ᴸ (1 − h(e₁ᵁ)) − f · Q_μ h(E_μ)),   Q₁ᴸ = Y₁ᴸ μ e^{−μ}
 * </pre>
 * (GLLP's key rate per pulse, D. Gottesman, H.-K. Lo, N. Lütkenhaus and J. Preskill, QIC 4, 325, 2004; ½ for
 * sifting.) The stack's stage-2 BB84 ({@link Bb84}) prepares by remote state preparation over heralded pairs,
 * a single-photon source, and needs none of this; a link that sends weak coherent pulses does.
 */
public final class DecoyState {
    private DecoyState() {
    }

    /**
     * What is measured for one intensity.
     *
     * @param intensity mean photon number per pulse
     * @param gain      Q: the share of pulses Bob detects
     * @param qber      E: the error rate of the detected, sifted pulses
     */
    public record Observation(double intensity, double gain, double qber) {
        public Observation {
            if (!(intensity > 0) || !(gain >= 0 && gain <= 1) || !(qber >= 0 && qber <= 1)) {
                throw new IllegalArgumentException("intensity > 0, gain and qber in [0, 1] (were " + intensity
                        + ", " + gain + ", " + qber + ")");
            }
        }

        /**
         * The gain and error rate a channel of total transmittance η (fibre and detector), background yield Y₀
         * (dark counts, error ½) and misalignment error e_d gives at this intensity (Ma et al., Eqs. (8)–(10)).
         */
        public static Observation expected(double intensity, double eta, double y0, double misalignment) {
            double detected = 1 - Math.exp(-eta * intensity);
            double gain = y0 + detected;
            return new Observation(intensity, gain, (y0 / 2 + misalignment * detected) / gain);
        }
    }

    /**
     * The single-photon bounds and the key rate.
     *
     * @param yieldLower Y₁ᴸ
     * @param errorUpper e₁ᵁ (capped at ½)
     * @param gainLower  Q₁ᴸ
     * @param rate       R per signal pulse, with error correction at efficiency f; ≤ 0 means no key
     */
    public record Bounds(double yieldLower, double errorUpper, double gainLower, double rate) {
    }

    /**
     * The bounds from a signal μ, a weak decoy ν &lt; μ and the vacuum yield Y₀.
     *
     * @param efficiency f ≥ 1 of error correction (Cascade's is about 1.1–1.2)
     */
    public static Bounds bounds(Observation signal, Observation decoy, double vacuumYield, double efficiency) {
        double mu = signal.intensity();
        double nu = decoy.intensity();
        if (!(nu < mu) || !(vacuumYield >= 0) || !(efficiency >= 1)) {
            throw new IllegalArgumentException("need decoy < signal intensity, Y₀ ≥ 0, f ≥ 1 (were " + nu + ", " + mu
                    + ", " + vacuumYield + ", " + efficiency + ")");
        }
        double y1 = mu / (mu * nu - nu * nu) * (decoy.gain() * Math.exp(nu)
                - signal.gain() * Math.exp(mu) * nu * nu / (mu * mu) - (mu * mu - nu * nu) / (mu * mu) * vacuumYield);
        y1 = Math.max(0, y1);
        double e1 = y1 <= 0 ? 0.5
                : Math.min(0.5, (decoy.qber() * decoy.gain() * Math.exp(nu) - vacuumYield / 2) / (y1 * nu));
        e1 = Math.max(0, e1);
        double q1 = y1 * mu * Math.exp(-mu);
        double rate = 0.5 * (q1 * (1 - Entropy.binary(e1)) - efficiency * signal.gain() * Entropy.binary(signal.qber()));
        return new Bounds(y1, e1, q1, rate);
    }
}
