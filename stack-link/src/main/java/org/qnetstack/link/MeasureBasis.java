package org.qnetstack.link;

/**
 * The common measurement settings by name: a fixed Pauli basis, or a fresh uniformly random choice of X or
 * Z per pair, drawn independently at each end (as BBM92 needs). {@link BasisChoice} says anything else.
 */
public enum MeasureBasis {
    Z, X, Y, RANDOM_XZ, RANDOM_XYZ;

    public BasisChoice choice() {
        return switch (this) {
            case Z -> BasisChoice.fixed(org.qnetstack.hal.Basis.Z);
            case X -> BasisChoice.fixed(org.qnetstack.hal.Basis.X);
            case Y -> BasisChoice.fixed(org.qnetstack.hal.Basis.Y);
            case RANDOM_XZ -> BasisChoice.randomXz();
            case RANDOM_XYZ -> BasisChoice.randomXyz();
        };
    }
}
