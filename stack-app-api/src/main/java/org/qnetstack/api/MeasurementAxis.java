package org.qnetstack.api;

import org.jspecify.annotations.Nullable;
import org.qnetstack.api.internal.ApiTypes;

/**
 * A direction on the Bloch sphere to measure along: polar angle θ from +Z and azimuth φ from +X. Outcome 0
 * is the state pointing along the axis, 1 the opposite one. The Pauli bases are the constants {@link #Z},
 * {@link #X}, {@link #Y}; any other axis (CHSH angles, explicit rotations) is built with {@link #of(double,
 * double)}, {@link #inXzPlane} or {@link #fromBloch}.
 *
 * @param theta polar angle in [0, π]
 * @param phi   azimuth in [0, 2π) (0 at the poles, so equal axes are equal records)
 */
public record MeasurementAxis(double theta, double phi) {
    public static final MeasurementAxis Z = new MeasurementAxis(0, 0);
    public static final MeasurementAxis X = new MeasurementAxis(Math.PI / 2, 0);
    public static final MeasurementAxis Y = new MeasurementAxis(Math.PI / 2, Math.PI / 2);

    /** @throws ApiMisuseException if an angle is out of its range; {@link #of(double, double)} folds any angles */
    public MeasurementAxis {
        phi = ApiTypes.checkedPhi(theta, phi); // the ranges have one home, the lower layers' axis
    }

    /** Any angles, folded into the ranges of the record (θ outside [0, π] flips the azimuth). */
    public static MeasurementAxis of(double theta, double phi) {
        return ApiTypes.axisOf(theta, phi);
    }

    /** The axis of a Pauli basis. */
    public static MeasurementAxis of(Basis basis) {
        ApiMisuseException.requireNonNull(basis, "basis", "give Basis.Z, Basis.X or Basis.Y");
        return ApiTypes.axisOf(basis);
    }

    /** The axis at this angle from +Z towards +X, in the X–Z plane (where CHSH's angles live). */
    public static MeasurementAxis inXzPlane(double angleFromZ) {
        return of(angleFromZ, 0);
    }

    /**
     * The axis along a Bloch vector.
     *
     * @throws ApiMisuseException if the vector is zero or not finite
     */
    public static MeasurementAxis fromBloch(double x, double y, double z) {
        return ApiTypes.axisFromBloch(x, y, z);
    }

    /** The opposite axis: measuring along it gives the other outcome. */
    public MeasurementAxis opposite() {
        return ApiTypes.opposite(this);
    }

    /** The Pauli basis this axis is (to rounding), or null for any other axis. */
    public @Nullable Basis pauli() {
        return ApiTypes.pauli(this);
    }

    /** The unit Bloch vector (x, y, z) of outcome 0. */
    public double[] bloch() {
        return ApiTypes.bloch(this);
    }

    /** The Pauli basis's name (Z, X, Y) or {@code axis(θ=…, φ=…)}, as the lower layers print it. */
    @Override
    public String toString() {
        return ApiTypes.name(this);
    }
}
