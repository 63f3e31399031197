package org.qnetstack.api;

import org.qnetstack.api.internal.ApiTypes;

/**
 * The common measurement settings by name: a fixed Pauli basis, or a fresh uniformly random choice of X or
 * Z (or X, Y, Z) per pair, drawn independently at each end (as BBM92 needs). {@link BasisChoice} says anything else.
 */
public enum MeasureBasis {
    Z, X, Y, RANDOM_XZ, RANDOM_XYZ;

    /** The choice this setting names. */
    public BasisChoice choice() {
        return ApiTypes.choice(this);
    }
}
