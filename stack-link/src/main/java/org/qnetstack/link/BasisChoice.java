package org.qnetstack.link;

import java.util.List;
import java.util.random.RandomGenerator;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.MeasurementAxis;

/**
 * How one end of a measure-directly request chooses the axis to measure each pair along: one fixed axis
 * (a Pauli basis, or any explicit rotation), or a fresh random choice per pair among several with given
 * probabilities, drawn independently at each end.
 *
 * @param options the axes and their probabilities (summing to 1), in a fixed order so draws are reproducible
 */
public record BasisChoice(List<Option> options) {
    private static final double SUM_TOLERANCE = 1e-9;

    /** One axis and the probability of choosing it. */
    public record Option(MeasurementAxis axis, double probability) {
        public Option {
            if (axis == null) {
                throw new InvalidRequestException("basis", "an option needs an axis");
            }
            if (!(probability > 0 && probability <= 1)) {
                throw new InvalidRequestException("basis", "an option's probability must be in (0, 1] (was "
                        + probability + ")");
            }
        }
    }

    public BasisChoice {
        if (options == null || options.isEmpty()) {
            throw new InvalidRequestException("basis", "give at least one axis");
        }
        options = List.copyOf(options);
        double sum = options.stream().mapToDouble(Option::probability).sum();
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new InvalidRequestException("basis", "the probabilities must sum to 1 (they sum to " + sum + ")");
        }
    }

    /** Always this axis (an explicit rotation when it is not a Pauli axis). */
    public static BasisChoice fixed(MeasurementAxis axis) {
        return new BasisChoice(List.of(new Option(axis, 1)));
    }

    public static BasisChoice fixed(Basis basis) {
        return fixed(MeasurementAxis.of(basis));
    }

    /** X or Z with probability ½ each, as BB84/BBM92 use. */
    public static BasisChoice randomXz() {
        return uniform(MeasurementAxis.X, MeasurementAxis.Z);
    }

    /** X, Y or Z with probability ⅓ each (six-state protocol, fidelity estimation). */
    public static BasisChoice randomXyz() {
        return uniform(MeasurementAxis.X, MeasurementAxis.Y, MeasurementAxis.Z);
    }

    /** The first CHSH party's settings: Z or X (angles 0 and π/2 in the X–Z plane), ½ each. */
    public static BasisChoice chshFirst() {
        return uniform(MeasurementAxis.Z, MeasurementAxis.X);
    }

    /** The second CHSH party's settings: (Z+X)/√2 or (Z−X)/√2 (angles ±π/4 in the X–Z plane), ½ each. */
    public static BasisChoice chshSecond() {
        return uniform(MeasurementAxis.inXzPlane(Math.PI / 4), MeasurementAxis.inXzPlane(-Math.PI / 4));
    }

    /** Each axis with the same probability. */
    public static BasisChoice uniform(MeasurementAxis... axes) {
        if (axes.length == 0) {
            throw new InvalidRequestException("basis", "give at least one axis");
        }
        Option[] options = new Option[axes.length];
        for (int i = 0; i < axes.length; i++) {
            options[i] = new Option(axes[i], 1.0 / axes.length);
        }
        return new BasisChoice(List.of(options));
    }

    /** Draws an axis: one uniform number per draw, whatever the number of options. */
    public MeasurementAxis pick(RandomGenerator random) {
        if (options.size() == 1) {
            return options.get(0).axis();
        }
        double u = random.nextDouble();
        double cumulative = 0;
        for (Option o : options) {
            cumulative += o.probability();
            if (u < cumulative) {
                return o.axis();
            }
        }
        return options.get(options.size() - 1).axis(); // u within rounding of 1
    }

    /**
     * Whether every draw gives the same axis. Not a bean-style {@code isFixed}: encoders such as Jackson
     * would write that as a property, which no decoder of the record accepts.
     */
    public boolean singleAxis() {
        return options.size() == 1;
    }
}
