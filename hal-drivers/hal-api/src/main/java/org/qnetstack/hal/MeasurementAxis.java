package org.qnetstack.hal;

import org.jspecify.annotations.Nullable;

/**
 * A direction on the Bloch sphere to measure a qubit along: polar angle θ from +Z and azimuth φ from +X.
 * Outcome 0 is the state pointing along the axis, 1 the opposite one. The Pauli bases are the three
 * constants; any other axis is measured by rotating it onto Z first ({@link QuantumDevice#measure(int,
 * MeasurementAxis)}), as explicit rotations and CHSH angles need.
 *
 * @param theta polar angle in [0, π]
 * @param phi   azimuth in [0, 2π)
 */
public record MeasurementAxis(double theta, double phi) {
    public static final MeasurementAxis Z = new MeasurementAxis(0, 0);
    public static final MeasurementAxis X = new MeasurementAxis(Math.PI / 2, 0);
    public static final MeasurementAxis Y = new MeasurementAxis(Math.PI / 2, Math.PI / 2);
    private static final double TOLERANCE = 1e-12;

    public MeasurementAxis {
        if (!(theta >= 0 && theta <= Math.PI)) {
            throw new IllegalArgumentException("theta must be in [0, π] (was " + theta + ")");
        }
        if (!(phi >= 0 && phi < 2 * Math.PI)) {
            throw new IllegalArgumentException("phi must be in [0, 2π) (was " + phi + ")");
        }
        if (theta == 0 || theta == Math.PI) {
            phi = 0; // the poles have no azimuth: one value, so equal axes are equal records
        }
    }

    /** Any angles: folded into the ranges of the record (θ outside [0, π] flips the azimuth). */
    public static MeasurementAxis of(double theta, double phi) {
        double t = Math.IEEEremainder(theta, 2 * Math.PI); // in [−π, π]
        double p = phi;
        if (t < 0) {
            t = -t;
            p += Math.PI;
        }
        p = ((p % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
        if (2 * Math.PI - p < TOLERANCE) {
            p = 0;
        }
        return new MeasurementAxis(t, p);
    }

    /** The axis along a Bloch vector (any length > 0). */
    public static MeasurementAxis fromBloch(double x, double y, double z) {
        double r = Math.sqrt(x * x + y * y + z * z);
        if (!(r > 0)) {
            throw new IllegalArgumentException("a measurement axis needs a non-zero vector");
        }
        double theta = Math.acos(Math.max(-1, Math.min(1, z / r)));
        double phi = Math.atan2(y, x);
        if (Math.abs(Math.sin(theta)) < TOLERANCE) {
            phi = 0;
        }
        return of(theta, phi);
    }

    /** The opposite axis: measuring along it gives the other outcome. */
    public MeasurementAxis opposite() {
        double[] v = bloch();
        return fromBloch(-v[0], -v[1], -v[2]);
    }

    /** The axis at this angle from +Z towards +X, in the X–Z plane (where CHSH's angles live). */
    public static MeasurementAxis inXzPlane(double angleFromZ) {
        return of(angleFromZ, 0);
    }

    public static MeasurementAxis of(Basis basis) {
        return switch (basis) {
            case X -> X;
            case Y -> Y;
            case Z -> Z;
        };
    }

    /** The Pauli basis this axis is (to rounding), or null for any other axis. */
    public @Nullable Basis pauli() {
        for (Basis b : Basis.values()) {
            MeasurementAxis a = of(b);
            if (Math.abs(a.theta - theta) < TOLERANCE && Math.abs(a.phi - phi) < TOLERANCE) {
                return b;
            }
        }
        return null;
    }

    /** The unit Bloch vector (x, y, z) of outcome 0. */
    public double[] bloch() {
        return new double[] {Math.sin(theta) * Math.cos(phi), Math.sin(theta) * Math.sin(phi), Math.cos(theta)};
    }

    @Override
    public String toString() {
        Basis b = pauli();
        return b != null ? b.name() : String.format("axis(θ=%.4f, φ=%.4f)", theta, phi);
    }
}
