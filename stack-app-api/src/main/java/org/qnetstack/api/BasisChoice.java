package org.qnetstack.api;

import java.util.List;
import org.qnetstack.api.internal.ApiTypes;

/**
 * How one end of a measure-directly request ({@link EprSocket#createMeasure(int, BasisChoice, BasisChoice)})
 * chooses the axis to measure each pair along: one fixed axis (a Pauli basis, or any explicit rotation), or a
 * fresh random choice per pair among several with given probabilities, drawn independently at each end.
 *
 * @param options the axes and their probabilities (summing to 1), in a fixed order so draws are reproducible
 */
public record BasisChoice(List<Option> options) {
    /** One axis and the probability of choosing it. */
    public record Option(MeasurementAxis axis, double probability) {
        /** @throws ApiMisuseException (parameter {@code basis}) if the axis is null or the probability not in (0, 1] */
        public Option {
            ApiTypes.checkOption(axis, probability);
        }
    }

    /** @throws ApiMisuseException (parameter {@code basis}) if there is no option or the probabilities do not sum to 1 */
    public BasisChoice {
        options = ApiTypes.checkOptions(options);
    }

    /** Always this axis (an explicit rotation when it is not a Pauli axis). */
    public static BasisChoice fixed(MeasurementAxis axis) {
        return new BasisChoice(List.of(new Option(axis, 1)));
    }

    /** Always this Pauli basis. */
    public static BasisChoice fixed(Basis basis) {
        return fixed(MeasurementAxis.of(basis));
    }

    /** X or Z with probability ½ each, as BB84/BBM92 use. */
    public static BasisChoice randomXz() {
        return ApiTypes.randomXz();
    }

    /** X, Y or Z with probability ⅓ each (six-state protocol, fidelity estimation). */
    public static BasisChoice randomXyz() {
        return ApiTypes.randomXyz();
    }

    /** The first CHSH party's settings: Z or X (angles 0 and π/2 in the X–Z plane), ½ each. */
    public static BasisChoice chshFirst() {
        return ApiTypes.chshFirst();
    }

    /** The second CHSH party's settings: (Z+X)/√2 or (Z−X)/√2 (angles ±π/4 in the X–Z plane), ½ each. */
    public static BasisChoice chshSecond() {
        return ApiTypes.chshSecond();
    }

    /** Each axis with the same probability. */
    public static BasisChoice uniform(MeasurementAxis... axes) {
        return ApiTypes.uniform(axes);
    }
}
