package org.qnetstack.api.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.ApiMisuseException;
import org.qnetstack.api.Basis;
import org.qnetstack.api.BasisChoice;
import org.qnetstack.api.EprErrorCode;
import org.qnetstack.api.FidelityEstimate;
import org.qnetstack.api.MeasureBasis;
import org.qnetstack.api.MeasurementAxis;
import org.qnetstack.api.PairId;
import org.qnetstack.api.PairQuality;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.InvalidRequestException;
import org.qnetstack.link.LinkErrorCode;

/**
 * The one place where the application API's own value types meet the lower layers' ones: bases, axes, basis
 * choices, pair ids and error codes are converted here, both ways, and nowhere else. The rules (an axis's
 * ranges, a choice's probabilities) live in the lower layers' types; the API's types are checked by building
 * the lower type, and a broken rule becomes an {@link ApiMisuseException} naming the parameter. Enums map by
 * constant name (each pair has the same constants in the same order, which {@code ApiTypesTest} checks; the
 * API's error codes add {@link EprErrorCode#REFUSED}, which comes from the network's admission, not a link code:
 * its conversion, and the quality of service's, live in the composition root, {@code api.stack.QualityPlans},
 * the one app-api package that may name the network layer). The
 * named basis choices ({@link BasisChoice#randomXz()}, {@link MeasureBasis}...) are the link layer's, converted,
 * so that both ends draw exactly as before.
 */
public final class ApiTypes {
    private ApiTypes() {
    }

    public static org.qnetstack.hal.Basis lower(Basis basis) {
        return org.qnetstack.hal.Basis.valueOf(basis.name());
    }

    public static Basis basis(org.qnetstack.hal.Basis basis) {
        return Basis.valueOf(basis.name());
    }

    /** The network's test pairs a quality asks for, or null for none. */
    public static org.qnetstack.network.@Nullable FidelityTesting testing(PairQuality quality) {
        return quality.tested() ? new org.qnetstack.network.FidelityTesting(quality.testFraction(),
                quality.confidence(), quality.verified(), quality.maxTestPairs()) : null;
    }

    /** A delivered pair's model estimate and, if its request tests pairs, the measured interval so far. */
    public static FidelityEstimate estimate(org.qnetstack.network.EndToEndPair p) {
        org.qnetstack.network.MeasuredFidelity m = p.measured();
        if (m == null || m.samples() == 0) {
            return FidelityEstimate.modelOnly(p.fidelity());
        }
        return new FidelityEstimate(p.fidelity(), m.lower(), m.upper(), m.confidence(), m.samples());
    }

    public static EprErrorCode code(LinkErrorCode code) {
        return EprErrorCode.valueOf(code.name());
    }

    public static EntanglementId lower(PairId id) {
        return new EntanglementId(id.creator(), id.peer(), id.sequence());
    }

    public static PairId pairId(EntanglementId id) {
        return new PairId(id.creator(), id.peer(), id.sequence());
    }

    public static org.qnetstack.hal.MeasurementAxis lower(MeasurementAxis axis) {
        return new org.qnetstack.hal.MeasurementAxis(axis.theta(), axis.phi());
    }

    public static MeasurementAxis axis(org.qnetstack.hal.MeasurementAxis axis) {
        return new MeasurementAxis(axis.theta(), axis.phi());
    }

    /**
     * {@link MeasurementAxis}'s constructor: checks the angles' ranges by building the lower-layer axis and
     * returns its azimuth (0 at the poles, so equal axes are equal records).
     */
    public static double checkedPhi(double theta, double phi) {
        try {
            return new org.qnetstack.hal.MeasurementAxis(theta, phi).phi();
        } catch (IllegalArgumentException e) {
            throw new ApiMisuseException("axis", e.getMessage() + "; MeasurementAxis.of(theta, phi) folds any "
                    + "finite angles into range");
        }
    }

    /** {@link MeasurementAxis#of(double, double)}: the lower layers' folding of any angles. */
    public static MeasurementAxis axisOf(double theta, double phi) {
        return axis(org.qnetstack.hal.MeasurementAxis.of(theta, phi));
    }

    public static MeasurementAxis axisOf(Basis basis) {
        return axis(org.qnetstack.hal.MeasurementAxis.of(lower(basis)));
    }

    public static MeasurementAxis opposite(MeasurementAxis axis) {
        return axis(lower(axis).opposite());
    }

    public static @Nullable Basis pauli(MeasurementAxis axis) {
        org.qnetstack.hal.Basis pauli = lower(axis).pauli();
        return pauli == null ? null : basis(pauli);
    }

    public static double[] bloch(MeasurementAxis axis) {
        return lower(axis).bloch();
    }

    /** As the lower layers print an axis: the Pauli basis's name, or its angles. */
    public static String name(MeasurementAxis axis) {
        return lower(axis).toString();
    }

    /** {@link MeasurementAxis#fromBloch}: a zero or non-finite vector is a misuse. */
    public static MeasurementAxis axisFromBloch(double x, double y, double z) {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new ApiMisuseException("axis", "a Bloch vector needs finite components (were " + x + ", " + y
                    + ", " + z + ")");
        }
        try {
            return axis(org.qnetstack.hal.MeasurementAxis.fromBloch(x, y, z));
        } catch (IllegalArgumentException e) {
            throw new ApiMisuseException("axis", e.getMessage() + "; give a vector of length > 0");
        }
    }

    public static org.qnetstack.link.BasisChoice lower(BasisChoice choice) {
        return new org.qnetstack.link.BasisChoice(choice.options().stream().map(ApiTypes::lower).toList());
    }

    public static BasisChoice choice(org.qnetstack.link.BasisChoice choice) {
        List<BasisChoice.Option> options = new ArrayList<>(choice.options().size());
        for (org.qnetstack.link.BasisChoice.Option o : choice.options()) {
            options.add(new BasisChoice.Option(axis(o.axis()), o.probability()));
        }
        return new BasisChoice(options);
    }

    private static org.qnetstack.link.BasisChoice.Option lower(BasisChoice.Option option) {
        return new org.qnetstack.link.BasisChoice.Option(lower(option.axis()), option.probability());
    }

    /** {@link BasisChoice.Option}'s rules, which are the link layer's. */
    public static void checkOption(@Nullable MeasurementAxis axis, double probability) {
        misuseIfInvalid(() -> new org.qnetstack.link.BasisChoice.Option(axis == null ? null : lower(axis),
                probability));
    }

    /** {@link BasisChoice}'s rules, which are the link layer's: returns the options as an unmodifiable copy. */
    public static List<BasisChoice.Option> checkOptions(@Nullable List<BasisChoice.Option> options) {
        if (options == null || options.stream().anyMatch(Objects::isNull)) {
            throw new ApiMisuseException("basis", "give a list of options, none of them null");
        }
        List<BasisChoice.Option> copy = List.copyOf(options);
        misuseIfInvalid(() -> new org.qnetstack.link.BasisChoice(copy.stream().map(ApiTypes::lower).toList()));
        return copy;
    }

    /** {@link BasisChoice#randomXz()}: the link layer's, so that both ends draw as they always did. */
    public static BasisChoice randomXz() {
        return choice(org.qnetstack.link.BasisChoice.randomXz());
    }

    public static BasisChoice randomXyz() {
        return choice(org.qnetstack.link.BasisChoice.randomXyz());
    }

    public static BasisChoice chshFirst() {
        return choice(org.qnetstack.link.BasisChoice.chshFirst());
    }

    public static BasisChoice chshSecond() {
        return choice(org.qnetstack.link.BasisChoice.chshSecond());
    }

    /** {@link MeasureBasis#choice()}: the link layer's setting of the same name. */
    public static BasisChoice choice(MeasureBasis basis) {
        return choice(org.qnetstack.link.MeasureBasis.valueOf(basis.name()).choice());
    }

    /** {@link BasisChoice#uniform}: the link layer's probabilities, so equal choices are equal records. */
    public static BasisChoice uniform(MeasurementAxis... axes) {
        if (axes == null) {
            throw new ApiMisuseException("basis", "give at least one axis");
        }
        org.qnetstack.hal.MeasurementAxis[] lowered = new org.qnetstack.hal.MeasurementAxis[axes.length];
        for (int i = 0; i < axes.length; i++) {
            lowered[i] = axes[i] == null ? null : lower(axes[i]);
        }
        org.qnetstack.link.BasisChoice[] choice = new org.qnetstack.link.BasisChoice[1];
        misuseIfInvalid(() -> choice[0] = org.qnetstack.link.BasisChoice.uniform(lowered));
        return choice(choice[0]);
    }

    /** Runs a lower-layer check; its {@link InvalidRequestException} becomes the API's misuse, same field and reason. */
    private static void misuseIfInvalid(Runnable check) {
        try {
            check.run();
        } catch (InvalidRequestException e) {
            throw misuse(e);
        }
    }

    /** The API's misuse for a lower layer's refusal of a request field: same field, same reason. */
    public static ApiMisuseException misuse(InvalidRequestException e) {
        String prefix = e.field() + ": ";
        String message = e.getMessage();
        return new ApiMisuseException(e.field(), message != null && message.startsWith(prefix)
                ? message.substring(prefix.length()) : String.valueOf(message));
    }
}
