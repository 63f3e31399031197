package org.qnetstack.apps.qkd;

/**
 * The knobs of {@link Bbm92PostProcessing}.
 *
 * @param sampleFraction share of the sifted bits revealed for parameter estimation, in (0, 1)
 * @param epsilonPe      probability that the QBER bound is wrong (ε_PE)
 * @param epsilonEc      probability that verification passes keys that differ (ε_EC)
 * @param epsilonPa      distance of the final key from uniform given Eve's information (ε_PA)
 * @param qberThreshold  abort when the QBER bound exceeds this; 11% is where 1 − 2h(Q) reaches zero
 * @param bound          how the QBER of the unrevealed bits is bounded
 * @param confidence     of the Clopper–Pearson interval reported for the sample
 */
public record PostProcessingParameters(double sampleFraction, double epsilonPe, double epsilonEc, double epsilonPa,
                                       double qberThreshold, QberBound bound, double confidence) {
    public PostProcessingParameters {
        requireOpenUnit("sample fraction", sampleFraction);
        requireOpenUnit("ε_PE", epsilonPe);
        requireOpenUnit("ε_EC", epsilonEc);
        requireOpenUnit("ε_PA", epsilonPa);
        requireOpenUnit("confidence", confidence);
        if (!(qberThreshold > 0 && qberThreshold < 0.5)) {
            throw new IllegalArgumentException("QBER threshold must be in (0, 0.5): " + qberThreshold);
        }
    }

    /** 10% sample, ε_PE = ε_PA = 10^−10, ε_EC = 10^−12, threshold 11%, exact hypergeometric bound, 95%. */
    public static PostProcessingParameters defaults() {
        return new PostProcessingParameters(0.1, 1e-10, 1e-12, 1e-10, 0.11, QberBound.HYPERGEOMETRIC, 0.95);
    }

    public PostProcessingParameters withSampleFraction(double fraction) {
        return new PostProcessingParameters(fraction, epsilonPe, epsilonEc, epsilonPa, qberThreshold, bound,
                confidence);
    }

    public PostProcessingParameters withQberThreshold(double threshold) {
        return new PostProcessingParameters(sampleFraction, epsilonPe, epsilonEc, epsilonPa, threshold, bound,
                confidence);
    }

    public PostProcessingParameters withBound(QberBound qberBound) {
        return new PostProcessingParameters(sampleFraction, epsilonPe, epsilonEc, epsilonPa, qberThreshold, qberBound,
                confidence);
    }

    private static void requireOpenUnit(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1): " + value);
        }
    }
}
